// Read aloud with the browser's speech synthesis: one utterance per sentence, in the screen's
// language, telling the caller which sentence is being spoken so it can highlight it. Nothing
// is downloaded and nothing leaves the phone beyond what the browser's own voices do.
let run = 0;

const synth = () => (typeof window !== 'undefined' && window.speechSynthesis) || null;

/** The voices, waiting briefly for them: some browsers fill the list after start-up. */
function voices() {
  const s = synth();
  if (!s) return Promise.resolve([]);
  const now = s.getVoices() || [];
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => resolve(s.getVoices() || []);
    const timer = setTimeout(done, 1200);
    if (s.addEventListener) {
      s.addEventListener('voiceschanged', () => { clearTimeout(timer); done(); }, { once: true });
    }
  });
}

/** The best voice for a language code such as "es": an exact primary-language match. */
function voiceFor(list, lang) {
  const wanted = lang.toLowerCase();
  const match = (v) => (v.lang || '').toLowerCase().replace('_', '-').split('-')[0] === wanted;
  return list.find((v) => match(v) && v.localService) || list.find(match) || null;
}

/**
 * Speaks the sentences in order. Resolves to "done", "stopped", "no-voice" (no voice for the
 * language: nothing is spoken) or "unsupported" (no speech synthesis at all).
 */
export async function speak(lang, sentences, onSentence) {
  const s = synth();
  if (!s || typeof SpeechSynthesisUtterance === 'undefined') return 'unsupported';
  const mine = ++run;
  s.cancel();
  const voice = voiceFor(await voices(), lang);
  if (!voice) return 'no-voice';
  for (let i = 0; i < sentences.length; i++) {
    if (mine !== run) return 'stopped';
    const ok = await new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(sentences[i]);
      u.lang = voice.lang || lang;
      try { u.voice = voice; } catch (_) { /* a voice object the browser does not accept: lang is enough */ }
      u.onstart = () => { if (mine === run) onSentence(i); };
      u.onend = () => resolve(true);
      u.onerror = () => resolve(false);
      s.speak(u);
    });
    if (!ok || mine !== run) return mine === run ? 'done' : 'stopped';
  }
  return 'done';
}

/** Stops speaking now. */
export function stopSpeaking() {
  run++;
  const s = synth();
  if (s) s.cancel();
}
