//! A mutation fuzzer in stable Rust for every parser of untrusted bytes or JSON: the backup file
//! and its payload, stored cases of every schema, the directory import, settings, timelines, the
//! child-mode records, the vault header and envelopes, sync envelopes, and the camera frames the
//! join form's QR reader reads. Each target starts from valid inputs and mutates them (bit flips,
//! byte and JSON-token edits, splices, cuts, repeats); a panic anywhere fails the test with the
//! input that caused it. `SENDA_FUZZ_ITERS` sets the inputs per target: a short run by default
//! (CI), `scripts/fuzz.sh` for the long one.

use crate::backup::{
    encode_payload, parse, parse_payload, BackupEnvelope, BackupHeader, KdfParameters,
};
use crate::case::{parse_stored, sample_case};
use crate::child::exit_throttle::ExitThrottle;
use crate::child::mode;
use crate::procedure::timeline_settings::TimelineSettings;
use crate::screening::{AgeRange, Directory, Organisation, ServiceKind};
use crate::settings;
use crate::vault::envelope::Envelope;
use crate::vault::header::{KdfParams, VaultHeader};
use crate::vault::policy::VaultPolicy;
use crate::vocabulary::Country;
use chrono::{TimeZone, Utc};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A small, fast, reproducible generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that reach deeper into JSON and binary parsers than random bytes do.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"null",
    b"true",
    b"false",
    b"-1",
    b"0",
    b"4294967296",
    b"1e400",
    b"-0.0",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"[[[[[[[[[[",
    b"{\"a\":",
    b"\"version\":",
    b"\"schema\":",
    b"\"format\":",
    b"99",
    b"\xff",
    b"\x00",
    b"\xc3\xa9",
    b"SENDA-BACKUP",
    b"\"organisations\":",
    b"\"id\":",
];

/// One mutation of `input`, sometimes spliced with another seed.
fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(i..i, token.iter().copied());
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(16));
                out.drain(i..i + n);
            }
            4 => out.truncate(rng.below(len + 1)),
            5 if len > 0 => {
                // Repeat a slice (nesting, long strings) but stay bounded.
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(32));
                let piece: Vec<u8> = out[i..i + n].to_vec();
                for _ in 0..rng.below(64) {
                    out.splice(i..i, piece.iter().copied());
                }
            }
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                out.truncate(cut);
                out.extend_from_slice(&other[from..]);
            }
            7 if len > 0 => {
                // A digit run replaced by an extreme number.
                let i = rng.below(len);
                if out[i].is_ascii_digit() {
                    let extreme: &[u8] =
                        [&b"18446744073709551616"[..], b"-9", b"0", b"65535"][rng.below(4)];
                    out.splice(i..i + 1, extreme.iter().copied());
                }
            }
            _ => {
                let i = rng.below(len + 1);
                out.insert(i, rng.next() as u8);
            }
        }
    }
    out
}

/// How many inputs each target gets.
fn iterations() -> u64 {
    std::env::var("SENDA_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(3_000)
}

/// Runs `target` on the seeds and on mutations of them; panics (with the input) on any panic.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) {
    assert!(!seeds.is_empty());
    let n = iterations();
    let mut rng =
        Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64 ^ (name.as_bytes()[0] as u64) << 32);
    let mut corpus = seeds.clone();
    let started = std::time::Instant::now();
    for i in 0..n {
        let base = &corpus[rng.below(corpus.len())];
        let input = if i < seeds.len() as u64 {
            seeds[i as usize].clone()
        } else {
            mutate(&mut rng, base, &seeds)
        };
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            panic!("{name}: a panic on input {:?}", String::from_utf8_lossy(&input));
        }
        // Keep a few mutants as new bases, so edits accumulate.
        if rng.below(64) == 0 && input.len() < 1 << 20 {
            if corpus.len() < 256 {
                corpus.push(input);
            } else {
                let at = rng.below(corpus.len());
                corpus[at] = input;
            }
        }
    }
    println!(
        "fuzz {name}: {n} inputs, 0 panics, {:.1} s, peak memory {} ",
        started.elapsed().as_secs_f64(),
        peak_memory()
    );
}

/// The process's peak resident memory, as Linux reports it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
}

#[test]
fn fuzz_backup_envelope() {
    let kdf = KdfParameters::new(600_000, (0..16).collect()).expect("kdf");
    let header = BackupHeader::new(kdf, [7; 12]);
    let file = BackupEnvelope::new(header, (0..80).collect()).expect("envelope").encode();
    fuzz("backup envelope", vec![file], |b| {
        if let Ok(e) = parse(b) {
            assert_eq!(parse(&e.encode()).as_ref(), Ok(&e), "a parsed file re-encodes to itself");
        }
    });
}

#[test]
fn fuzz_backup_payload() {
    let cases: Vec<_> = (0..3).map(|n| sample_case(n, now())).collect();
    let seeds = vec![
        encode_payload(&cases, now()).expect("payload"),
        encode_payload(&[], now()).expect("payload"),
    ];
    fuzz("backup payload", seeds, |b| {
        let _ = parse_payload(b);
    });
}

#[test]
fn fuzz_stored_case_of_every_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seeds: Vec<Vec<u8>> = (0..=3)
        .map(|v| std::fs::read(root.join(format!("case_v{v}.json"))).expect("fixture"))
        .collect();
    fuzz("case migration", seeds, |b| {
        if let Some(t) = text(b) {
            let _ = parse_stored(t);
        }
    });
}

#[test]
fn fuzz_directory_import() {
    let org = Organisation {
        id: "casa-a".into(),
        name: "Casa A".into(),
        kind: ServiceKind::Shelter,
        country: Country::Mexico,
        offers: "Albergue".into(),
        address: "Calle 1".into(),
        phone: "000".into(),
        hours: "L-V".into(),
        languages: vec!["español".into()],
        ages: Some(AgeRange { from: 6, to: 17 }),
    };
    let file = Directory { organisations: vec![org] }.to_file();
    fuzz("directory import", vec![file.into_bytes()], |b| {
        if let Some(t) = text(b) {
            if let Ok(d) = Directory::from_file(t) {
                let _ = Directory::default().preview(&d);
            }
        }
    });
}

#[test]
fn fuzz_settings_timelines_and_child_mode_records() {
    let settings = settings::to_json(&settings::load(None).settings).into_bytes();
    let timelines = TimelineSettings::new().to_json().into_bytes();
    let child = mode::to_json(&mode::load(None)).into_bytes();
    let mut throttle = ExitThrottle::default();
    throttle.after_wrong(1e12);
    let exit = throttle.to_json().into_bytes();
    let seeds = vec![settings, timelines, child, exit];
    fuzz("plain-storage records", seeds, |b| {
        let t = text(b);
        let _ = settings::load(t);
        let _ = TimelineSettings::load(t);
        let _ = mode::load(t);
        let mut e = ExitThrottle::load(t);
        let _ = e.seconds_left(0.0);
        e.observe(-1.0);
        e.after_wrong(f64::MAX);
    });
}

#[test]
fn fuzz_vault_header_and_envelopes() {
    let envelope = Envelope { iv: [3; 12], ciphertext: (0..48).collect() };
    let header =
        VaultHeader::new(KdfParams::pbkdf2([9; 16]), &envelope, VaultPolicy::default()).to_bytes();
    fuzz("vault header and envelope", vec![header, envelope.to_bytes()], |b| {
        if let Ok(h) = VaultHeader::from_bytes(b) {
            let _ = h.key_check();
            assert!(VaultHeader::from_bytes(&h.to_bytes()).is_ok());
        }
        let _ = Envelope::from_bytes(b);
    });
}

#[test]
fn fuzz_vault_format_2_header_and_counted_envelopes() {
    use crate::vault::data_key::{HeaderV2, DATA_KEY_LEN};
    use crate::vault::write_counter::CountedEnvelope;
    let wrapped = Envelope { iv: [4; 12], ciphertext: vec![5; DATA_KEY_LEN + 16] };
    let header = HeaderV2 {
        kdf: KdfParams::pbkdf2([9; 16]),
        generation: 2,
        policy: VaultPolicy::default(),
        counter: 77,
        second_factor: None,
        wrapped_key: wrapped.to_bytes(),
    }
    .to_bytes();
    let mut argon2id = HeaderV2::from_bytes(&header).unwrap();
    argon2id.kdf = KdfParams::argon2id([3; 16]);
    let mut second_factor = argon2id.clone();
    second_factor.second_factor = Some(crate::vault::second_factor::SecondFactor {
        credential_id: (0..16).collect(),
        prf_salt: [8; 32],
    });
    let second_factor = second_factor.to_bytes();
    assert_eq!(HeaderV2::from_bytes(&second_factor).map(|h| h.format()), Ok(4));
    let counted = CountedEnvelope { counter: 9, iv: [1; 12], ciphertext: (0..40).collect() };
    let seeds = vec![header, argon2id.to_bytes(), second_factor, counted.to_bytes()];
    fuzz("vault format-2, 3 and 4 headers and counted envelope", seeds, |b| {
        if let Ok(h) = HeaderV2::from_bytes(b) {
            let _ = h.wrapped_key();
            assert_eq!(HeaderV2::from_bytes(&h.to_bytes()), Ok(h));
        }
        if let Ok(e) = CountedEnvelope::from_bytes(b) {
            assert_eq!(e.to_bytes(), b);
        }
    });
}

/// Camera frames for the join form's QR reader (`sync::invite_qr`, quircs): any bytes, read as a
/// 100 × 100 greyscale frame (cut, or padded with white). The seeds show a real code of an
/// invitation's length, plain, inverted and half covered; mutations shift rows, break finder
/// patterns and the data. In the browser a panic would stop the app in the middle of joining.
#[test]
fn fuzz_camera_frames_for_the_qr_reader() {
    use crate::sync::invite_qr::{read_luma, QrMatrix};
    const SIDE: usize = 100;
    let text = "SENDA-JOIN:1:senda-t-0123456789abcdef01234567:ABCDEFGHJKMNPQRS:1800000000:http://127.0.0.1:5984";
    let code = QrMatrix::encode(text).expect("an invitation fits a code");
    assert!(code.size() * 2 <= SIDE);
    let frame: Vec<u8> = (0..SIDE * SIDE)
        .map(|i| if code.is_dark((i % SIDE) / 2, (i / SIDE) / 2) { 20 } else { 230 })
        .collect();
    assert_eq!(
        read_luma(SIDE, SIDE, &frame),
        vec![text.to_owned()],
        "the seed holds a readable code"
    );
    let inverted = frame.iter().map(|v| 255 - v).collect();
    let covered =
        frame.iter().enumerate().map(|(i, &v)| if i % SIDE > SIDE / 2 { 90 } else { v }).collect();
    fuzz("QR reader camera frame", vec![frame, inverted, covered], |b| {
        let mut f = b.to_vec();
        f.resize(SIDE * SIDE, 255);
        let _ = read_luma(SIDE, SIDE, &f);
    });
}
