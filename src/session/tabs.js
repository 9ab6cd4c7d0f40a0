// One writer across tabs: the open vault holds a Web Lock that a tab unlocking elsewhere steals
// (the tab that loses it locks at once), and a BroadcastChannel carries lock, quick exit and
// wipe to every other Senda tab of this deployment (both are named by it: src/storage_names.rs).
// Nothing personal ever goes through either.
let channel = null;
let release = null;
let onLost = () => {};

export function connect(name, lost, heard) {
  onLost = lost;
  if (typeof BroadcastChannel === 'function') {
    channel = new BroadcastChannel(name);
    channel.onmessage = (e) => { if (typeof e.data === 'string') heard(e.data); };
  }
}

// Takes the writer's lock from whichever tab holds it; resolves once held (at once without Web
// Locks, where only the broadcast keeps tabs apart).
export function holdWriter(name) {
  releaseWriter();
  if (!navigator.locks) return Promise.resolve();
  return new Promise((held) => {
    navigator.locks.request(name, { steal: true }, () => {
      held();
      return new Promise((resolve) => { release = resolve; });
    }).catch(() => {
      // Stolen by a tab that unlocked after this one: this one locks.
      release = null;
      onLost();
    });
  });
}

export function releaseWriter() {
  if (release) { release(); release = null; }
}

export function tell(kind) {
  if (channel) channel.postMessage(kind);
}
