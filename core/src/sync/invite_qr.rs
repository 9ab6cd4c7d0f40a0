//! The invitation as a QR code, both ways: the join text to modules and one SVG path, and a
//! camera frame's pixels back to the texts of the QR codes in it.
//!
//! Encoding is `qrcodegen`; error correction is at least **M** (15 % of the codewords may be
//! lost), raised by the encoder when a higher level fits in the same version. M rather than Q:
//! the code is shown on a clean, lit phone screen (no print wear, no dirt), so what fails a
//! reading there is blur and module size, not lost modules; M keeps a 95–180 character
//! invitation at version 6–9 (41–53 modules), Q would need 2 versions more, so every module
//! would be 12–15 % smaller on the same 280 px. The quiet zone is the standard 4 modules.
//!
//! Reading is `quircs` (a pure-Rust port of quirc) on the frame's luma: chosen over `rqrr`, which
//! read as well in these tests but whose two 64 KB Galois-field multiplication tables added about
//! 96 KB gzip to the team chunk. A frame often holds no code, or another code (a URL):
//! [`scanned`] says which texts are Senda invitations (expired ones included, so the join form
//! says why it refuses them) and which are to be ignored.

use super::keys::KeyError;
use super::team_rules::JoinPayload;
use qrcodegen::{QrCode, QrCodeEcc};

/// The light margin around the code, in modules (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// A QR code's modules with the quiet zone around them: `size` × `size`, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    size: usize,
    dark: Vec<bool>,
    /// The QR version (1–40) and the error correction level the encoder used.
    pub version: u8,
    pub level: EccLevel,
}

/// The error correction level of an encoded code (the encoder may raise the minimum).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EccLevel {
    Low,
    Medium,
    Quartile,
    High,
}

/// The text is longer than any QR code holds at level M (about 2,300 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong;

impl QrMatrix {
    /// Encodes `text` exactly (byte mode for an invitation: it has lower-case letters).
    pub fn encode(text: &str) -> Result<QrMatrix, TooLong> {
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|_| TooLong)?;
        let inner = code.size() as usize;
        let size = inner + 2 * QUIET_ZONE;
        let q = QUIET_ZONE as i32;
        let dark = (0..size * size)
            .map(|i| code.get_module((i % size) as i32 - q, (i / size) as i32 - q))
            .collect();
        let level = match code.error_correction_level() {
            QrCodeEcc::Low => EccLevel::Low,
            QrCodeEcc::Medium => EccLevel::Medium,
            QrCodeEcc::Quartile => EccLevel::Quartile,
            QrCodeEcc::High => EccLevel::High,
        };
        Ok(QrMatrix { size, dark, version: code.version().value(), level })
    }

    /// Modules per side, the quiet zone included.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether the module at column `x`, row `y` is dark (outside the matrix: light).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// The SVG `viewBox` of [`QrMatrix::svg_path`]: one unit per module, quiet zone included.
    pub fn view_box(&self) -> String {
        format!("0 0 {0} {0}", self.size)
    }

    /// Every dark module as one path: each horizontal run of dark modules is one rectangle
    /// (`M x,y h n v1 h-n z`), so a code of thousands of modules is one element of a few KB.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!("M{start} {y}h{run}v1h-{run}z"));
            }
        }
        d
    }
}

/// The luma (0 black – 255 white) of RGBA pixels, as a canvas's `getImageData` gives them
/// (ITU-R BT.601 weights; alpha ignored: a camera frame is opaque).
pub fn luma_of_rgba(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32) >> 8) as u8)
        .collect()
}

/// The texts of the QR codes found in a `width` × `height` greyscale frame (row by row), in
/// the order found; none when the frame is not that size or holds no readable code.
pub fn read_luma(width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    if width == 0 || height == 0 || width.checked_mul(height) != Some(luma.len()) {
        return Vec::new();
    }
    let mut reader = quircs::Quirc::default();
    reader
        .identify(width, height, luma)
        .filter_map(|code| code.ok()?.decode().ok())
        .filter_map(|data| String::from_utf8(data.payload).ok())
        .collect()
}

/// [`read_luma`] of an RGBA frame (a canvas's pixels).
pub fn read_rgba(width: usize, height: usize, rgba: &[u8]) -> Vec<String> {
    if width.checked_mul(height).and_then(|n| n.checked_mul(4)) != Some(rgba.len()) {
        return Vec::new();
    }
    read_luma(width, height, &luma_of_rgba(rgba))
}

/// What a text read by the camera is to the join form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scanned {
    /// A Senda invitation (perhaps expired: joining with it says so): join with this text.
    Invitation(String),
    /// Anything else (a web address, another app's code): ignored, scanning goes on.
    NotAnInvitation,
}

/// Sorts a text read by the camera, at `now` (Unix seconds).
pub fn scanned(text: &str, now: i64) -> Scanned {
    match JoinPayload::parse(text, now) {
        Ok(_) | Err(KeyError::InviteExpired) => Scanned::Invitation(text.trim().to_owned()),
        Err(_) => Scanned::NotAnInvitation,
    }
}

#[cfg(test)]
#[path = "invite_qr_tests.rs"]
mod tests;
