// The vault's optional second factor: feature detection, enrolment and evaluation of a platform authenticator's WebAuthn PRF.
// Nothing personal in the credential: a random user id, "Senda" as its names. Errors are short codes.
const u8 = (b) => new Uint8Array(b);
const code = (e) => (typeof e === 'string' ? e : e && (e.name === 'NotAllowedError' || e.name === 'AbortError') ? 'cancelled' : 'failed');
const challenge = () => crypto.getRandomValues(u8(32));

export async function prfOffered() {
  try {
    const P = window.PublicKeyCredential;
    if (!P || !window.isSecureContext || !(await P.isUserVerifyingPlatformAuthenticatorAvailable())) return false;
    if (P.getClientCapabilities) {
      const c = await P.getClientCapabilities();
      if (c && c['extension:prf'] === false) return false;
    }
    return true;
  } catch (e) {
    return false;
  }
}

// Resolves to [credential id, PRF output or null when create did not evaluate it].
export async function prfEnrol(userId, salt) {
  try {
    const c = await navigator.credentials.create({ publicKey: {
      rp: { name: 'Senda' },
      user: { id: userId, name: 'Senda', displayName: 'Senda' },
      challenge: challenge(),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
      authenticatorSelection: { authenticatorAttachment: 'platform', residentKey: 'discouraged', requireResidentKey: false, userVerification: 'required' },
      attestation: 'none',
      timeout: 120000,
      extensions: { prf: { eval: { first: salt } } },
    } });
    const prf = c.getClientExtensionResults().prf;
    if (!prf || !prf.enabled) throw 'no-prf';
    const first = prf.results && prf.results.first;
    return [u8(c.rawId), first ? u8(first) : null];
  } catch (e) {
    throw code(e);
  }
}

// Resolves to the PRF output of credential `id` at `salt`, after the user's screen lock.
export async function prfEvaluate(id, salt) {
  try {
    const a = await navigator.credentials.get({ publicKey: {
      challenge: challenge(),
      allowCredentials: [{ type: 'public-key', id, transports: ['internal'] }],
      userVerification: 'required',
      timeout: 120000,
      extensions: { prf: { eval: { first: salt } } },
    } });
    const prf = a.getClientExtensionResults().prf;
    const first = prf && prf.results && prf.results.first;
    if (!first) throw 'no-prf';
    return u8(first);
  } catch (e) {
    throw code(e);
  }
}
