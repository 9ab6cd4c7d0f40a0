//! The invitation's QR code: encoded, drawn, photographed (a frame made here) and read back.
use super::*;
use crate::sync::keys::{Invite, INVITE_SECRET_LEN};
use crate::sync::team_rules::{team_db_name, JoinPayload};

const NOW: i64 = 1_800_000_000;

/// A realistic invitation with a long server address (an organisation's own sync server).
fn long_invitation() -> String {
    let mut secret = [0u8; INVITE_SECRET_LEN];
    for (i, b) in secret.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    JoinPayload {
        server: "https://sincronizacion.proteccion-ninez-movilidad.example.org:6984/couchdb/senda"
            .into(),
        db: team_db_name([0x5a, 0x1f, 0x00, 0xc3, 0x9e, 0x42, 0x7d, 0x08, 0xb6, 0xe1, 0x33, 0x94]),
        invite: Invite::new(secret, NOW),
    }
    .to_text()
}

fn local_invitation() -> String {
    JoinPayload {
        server: "http://127.0.0.1:5984".into(),
        db: team_db_name([9; 12]),
        invite: Invite::new([200; INVITE_SECRET_LEN], NOW),
    }
    .to_text()
}

/// A greyscale frame `w` × `h` showing `m` centred, `scale` pixels per module, turned by
/// `degrees`, dark modules `dark`, light ones `light`, and `ground` around the code (the table
/// or the hand holding the phone), as a camera would give it (nearest-pixel sampling).
#[allow(clippy::too_many_arguments)]
fn photo(
    m: &QrMatrix,
    w: usize,
    h: usize,
    scale: f64,
    degrees: f64,
    dark: u8,
    light: u8,
    ground: u8,
) -> Vec<u8> {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let half = m.size() as f64 / 2.0;
    let mut out = Vec::with_capacity(w * h);
    for py in 0..h {
        for px in 0..w {
            let (dx, dy) = (px as f64 + 0.5 - w as f64 / 2.0, py as f64 + 0.5 - h as f64 / 2.0);
            let (mx, my) =
                ((cos * dx + sin * dy) / scale + half, (-sin * dx + cos * dy) / scale + half);
            out.push(if mx < 0.0 || my < 0.0 || mx >= m.size() as f64 || my >= m.size() as f64 {
                ground
            } else if m.is_dark(mx as usize, my as usize) {
                dark
            } else {
                light
            });
        }
    }
    out
}

/// Draws an SVG path made of `M x y h n v1 h-n z` rectangles (what `svg_path` writes) into a
/// `size` × `size` grid of modules: the path read back, independently of the matrix.
fn raster(path: &str, size: usize) -> Vec<bool> {
    let mut grid = vec![false; size * size];
    for rect in path.split('z').filter(|r| !r.is_empty()) {
        let rest = rect.strip_prefix('M').expect("each rectangle starts with M");
        let (xy, rest) = rest.split_once('h').expect("then h");
        let (x, y) = xy.split_once(' ').expect("x y");
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let (run, rest) = rest.split_once("v1h-").expect("then v1h-");
        let run: usize = run.parse().unwrap();
        assert_eq!(rest.parse::<usize>().unwrap(), run, "each rectangle closes on itself");
        for cell in &mut grid[y * size + x..y * size + x + run] {
            assert!(!*cell, "no module is drawn twice");
            *cell = true;
        }
    }
    grid
}

#[test]
fn a_long_invitation_is_read_back_exactly_from_its_drawn_path() {
    let text = long_invitation();
    assert!(text.len() > 130, "a realistic long invitation: {} characters", text.len());
    assert!(JoinPayload::parse(&text, NOW).is_ok());
    let m = QrMatrix::encode(&text).unwrap();
    assert!(m.level >= EccLevel::Medium, "{:?}", m.level);
    assert!(m.version <= 10, "version {} keeps modules large on a phone", m.version);
    assert_eq!(m.size(), 17 + 4 * m.version as usize + 2 * QUIET_ZONE);
    assert_eq!(m.view_box(), format!("0 0 {0} {0}", m.size()));
    // The path draws exactly the dark modules, and nothing in the quiet zone.
    let drawn = raster(&m.svg_path(), m.size());
    for y in 0..m.size() {
        for x in 0..m.size() {
            assert_eq!(drawn[y * m.size() + x], m.is_dark(x, y), "module {x},{y}");
            let margin = x < QUIET_ZONE
                || y < QUIET_ZONE
                || x >= m.size() - QUIET_ZONE
                || y >= m.size() - QUIET_ZONE;
            if margin {
                assert!(!m.is_dark(x, y), "quiet zone {x},{y}");
            }
        }
    }
    // The finder pattern's corner is where it must be, inside the quiet zone.
    assert!(m.is_dark(QUIET_ZONE, QUIET_ZONE));
    // Rendered from the path, 4 px a module, dark on white, and read by a real decoder.
    let px = 4;
    let side = m.size() * px;
    let luma: Vec<u8> = (0..side * side)
        .map(|i| if drawn[(i / side / px) * m.size() + (i % side) / px] { 0 } else { 255 })
        .collect();
    assert_eq!(read_luma(side, side, &luma), vec![text]);
}

/// A camera sees the code at every size and slant: swept over 4–7 px a module and 0–20°, in a
/// 640 × 480 frame, dimmer than a screen and on a grey ground, the reader reads it in most frames
/// (it misses some geometries: the next frame, 200 ms later, is another one) and never reads
/// anything else.
#[test]
fn a_photographed_code_is_read_at_most_sizes_and_slants() {
    for text in [long_invitation(), local_invitation()] {
        let m = QrMatrix::encode(&text).unwrap();
        let (mut tried, mut read) = (0, 0);
        for scale in [4.0, 4.6, 5.0, 5.3, 6.0, 7.0] {
            for degrees in [0.0, 3.0, 9.0, 14.0, 20.0] {
                let frame = photo(&m, 640, 480, scale, degrees, 45, 200, 90);
                let found = read_luma(640, 480, &frame);
                assert!(found.iter().all(|t| *t == text), "{scale} px, {degrees}°: {found:?}");
                tried += 1;
                read += usize::from(found.len() == 1);
            }
        }
        assert!(
            read * 4 >= tried * 3,
            "{} characters: read in {read} of {tried} frames",
            text.len()
        );
        // Straight on at 280 px, as the coordinator's screen shows it: always read, and the same
        // through the RGBA pixels a canvas gives.
        let scale = 280.0 / m.size() as f64;
        let frame = photo(&m, 640, 480, scale, 0.0, 45, 200, 90);
        let rgba: Vec<u8> = frame.iter().flat_map(|&l| [l, l, l, 255]).collect();
        assert_eq!(read_rgba(640, 480, &rgba), vec![text]);
    }
}

#[test]
fn a_frame_without_a_code_or_of_the_wrong_size_reads_nothing() {
    assert!(read_luma(64, 48, &[200; 64 * 48]).is_empty());
    assert!(read_luma(64, 48, &[200; 10]).is_empty());
    assert!(read_luma(0, 0, &[]).is_empty());
    assert!(read_rgba(2, 2, &[0; 15]).is_empty());
}

/// A small deterministic generator (xorshift), so a failing frame can be made again.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Frames a camera could give while it is pointed about: noise, stripes, and parts of codes
/// (finder patterns that do not make a code, a code cut by a band). Reading them must end
/// without a panic (in the browser a panic stops the app) and read no invitation that is not
/// there.
#[test]
fn hostile_frames_end_without_a_panic() {
    let code = QrMatrix::encode(&local_invitation()).unwrap();
    let mut rng = Noise(0x9e37_79b9_7f4a_7c15);
    let (w, h) = (240, 180);
    for round in 0..60 {
        let mut frame: Vec<u8> = match round % 3 {
            0 => (0..w * h).map(|_| rng.below(256) as u8).collect(),
            1 => (0..w * h)
                .map(|i| if (i % w / (1 + round % 7)) % 2 == 0 { 30 } else { 220 })
                .collect(),
            _ => {
                photo(&code, w, h, 2.0 + (round % 5) as f64 * 0.7, round as f64 * 7.0, 20, 235, 120)
            }
        };
        // Stamps of finder patterns (7 × 7 modules) at random places, sizes and scales.
        for _ in 0..rng.below(5) {
            let s = 1 + rng.below(5) as usize;
            let (x0, y0) = (rng.below(w as u64) as usize, rng.below(h as u64) as usize);
            for my in 0..7 {
                for mx in 0..7 {
                    let ring = mx == 0 || my == 0 || mx == 6 || my == 6;
                    let core = (2..=4).contains(&mx) && (2..=4).contains(&my);
                    let v = if ring || core { 10 } else { 245 };
                    for (dx, dy) in (0..s).flat_map(|a| (0..s).map(move |b| (a, b))) {
                        let (x, y) = (x0 + mx * s + dx, y0 + my * s + dy);
                        if x < w && y < h {
                            frame[y * w + x] = v;
                        }
                    }
                }
            }
        }
        // A band across the frame, as a finger over the screen.
        let band = rng.below(h as u64) as usize;
        for y in band..(band + 12).min(h) {
            frame[y * w..(y + 1) * w].fill(60);
        }
        for text in read_luma(w, h, &frame) {
            assert_eq!(text, local_invitation(), "round {round}: only the real code is read");
        }
    }
}

#[test]
fn a_scanned_text_is_an_invitation_only_when_it_reads_as_one() {
    let text = long_invitation();
    assert_eq!(scanned(&text, NOW), Scanned::Invitation(text.clone()));
    assert_eq!(scanned(&format!("{text}\n"), NOW), Scanned::Invitation(text.clone()));
    // Expired: still an invitation, so joining says it expired rather than "not an invitation".
    assert_eq!(scanned(&text, NOW + 24 * 3600), Scanned::Invitation(text.clone()));
    for other in [
        "https://example.org/senda",
        "SENDA-JOIN:1:senda-t-nothex:ABCD:1:https://x",
        "SENDA-INVITE:1:ABCD:1",
        "",
        "WIFI:S:office;T:WPA;P:secret;;",
    ] {
        assert_eq!(scanned(other, NOW), Scanned::NotAnInvitation, "{other}");
    }
}

#[test]
fn the_luma_of_canvas_pixels_spans_black_to_white() {
    assert_eq!(
        luma_of_rgba(&[0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0]),
        vec![0, 255, 255]
    );
    let green = luma_of_rgba(&[0, 255, 0, 255])[0];
    assert!((140..=155).contains(&green), "{green}");
}

#[test]
fn a_text_too_long_for_any_code_is_refused() {
    assert_eq!(QrMatrix::encode(&"x".repeat(3000)), Err(TooLong));
}

/// The foreign code the e2e test's fake camera shows (`tests/e2e/qr_not_an_invitation.txt`, rows
/// of `#` dark and `.` light): a real code of a web address, made by this encoder and read back
/// by the real decoder, which the join form must ignore. `SENDA_WRITE_FIXTURES=1` writes it anew.
#[test]
fn the_e2e_foreign_code_is_a_web_address_and_no_invitation() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/e2e/qr_not_an_invitation.txt");
    let text = "https://www.example.org/";
    let m = QrMatrix::encode(text).unwrap();
    let cells = &m;
    let rows: String = (0..m.size())
        .flat_map(|y| {
            (0..cells.size())
                .map(move |x| if cells.is_dark(x, y) { '#' } else { '.' })
                .chain(['\n'])
        })
        .collect();
    if std::env::var_os("SENDA_WRITE_FIXTURES").is_some() {
        std::fs::write(path, &rows).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        rows,
        "write it with SENDA_WRITE_FIXTURES=1"
    );
    let px = 6;
    let side = m.size() * px;
    let luma: Vec<u8> = (0..side * side)
        .map(|i| if m.is_dark(i % side / px, i / side / px) { 0 } else { 255 })
        .collect();
    assert_eq!(read_luma(side, side, &luma), vec![text.to_owned()]);
    assert_eq!(scanned(text, NOW), Scanned::NotAnInvitation);
}
