// Files of the build fetched at run time (content, interface strings): each asked of the network
// (or the service worker) once per page, so the loaders that need the same file (the sources, the
// glossary and its structure, for the Reference, its search's Guide and the Guide) share one
// request. The build's files do not change under an open page (a new version reloads it). Not
// kept, so that a retry really asks again: a failed fetch, and an HTML page a host sends in place
// of a missing file.
const files = new Map();

export function fetchText(path) {
  let text = files.get(path);
  if (!text) {
    text = fetch(path).then((r) => {
      if (!r.ok) return Promise.reject(false);
      if ((r.headers.get('content-type') || '').startsWith('text/html')) files.delete(path);
      return r.text();
    }, () => Promise.reject(false));
    files.set(path, text);
    text.catch(() => files.delete(path));
  }
  return text;
}
