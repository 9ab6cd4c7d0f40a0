//! The partner card a receiving team shows (text and QR) so another organisation can transfer
//! a case to it: its team id, its inbox's server and add-only account, and the public keys of
//! the coordinator's device whose fingerprint is compared in person.
use super::transfer::Receiver;
use crate::sync::b64;

const PREFIX: &str = "SENDA-PARTNER:1:";

/// A team's inbox database's name on its own server.
pub fn inbox_db_name(team: &str) -> String {
    format!("{team}-inbox")
}

/// What a partner card says. The inbox account may only add sealed deliveries (the inbox's
/// validation); the keys are the receiving device's (suite code, raw agreement and signing keys).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerCard {
    pub team: String,
    pub suite: String,
    pub agree: Vec<u8>,
    pub sign: Vec<u8>,
    pub account: String,
    pub password: String,
    pub server: String,
}

/// Why a pasted or scanned text is not a partner card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardProblem {
    /// Not `SENDA-PARTNER:1:…`, or a part is missing or malformed.
    Unreadable,
}

fn word(text: &str, extra: &[char]) -> bool {
    !text.is_empty()
        && text.len() <= 128
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || extra.contains(&c))
}

fn key(text: &str) -> Result<Vec<u8>, CardProblem> {
    let bytes = b64::decode(text).map_err(|_| CardProblem::Unreadable)?;
    if (32..=97).contains(&bytes.len()) {
        Ok(bytes)
    } else {
        Err(CardProblem::Unreadable)
    }
}

impl PartnerCard {
    /// `SENDA-PARTNER:1:<team>:<suite>:<agree>:<sign>:<account>:<password>:<server>` (the server
    /// last: its address has colons of its own; keys in standard base64, which has none).
    pub fn to_text(&self) -> String {
        format!(
            "{PREFIX}{}:{}:{}:{}:{}:{}:{}",
            self.team,
            self.suite,
            b64::encode(&self.agree),
            b64::encode(&self.sign),
            self.account,
            self.password,
            self.server
        )
    }

    /// Reads a pasted or scanned card.
    pub fn parse(text: &str) -> Result<PartnerCard, CardProblem> {
        let rest = text.trim().strip_prefix(PREFIX).ok_or(CardProblem::Unreadable)?;
        let parts: Vec<&str> = rest.splitn(7, ':').collect();
        let [team, suite, agree, sign, account, password, server] = parts[..] else {
            return Err(CardProblem::Unreadable);
        };
        let alnum =
            |t: &str| (12..=128).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric());
        let server_ok = (server.starts_with("https://") || server.starts_with("http://"))
            && !server.chars().any(|c| c.is_whitespace() || c.is_control() || c == '@');
        if !word(team, &['-', '_'])
            || !team.starts_with(|c: char| c.is_ascii_lowercase())
            || !word(suite, &['-'])
            || !word(account, &['-'])
            || !alnum(password)
            || !server_ok
        {
            return Err(CardProblem::Unreadable);
        }
        Ok(PartnerCard {
            team: team.to_owned(),
            suite: suite.to_owned(),
            agree: key(agree)?,
            sign: key(sign)?,
            account: account.to_owned(),
            password: password.to_owned(),
            server: server.trim_end_matches('/').to_owned(),
        })
    }

    /// The card's inbox database.
    pub fn inbox_db(&self) -> String {
        inbox_db_name(&self.team)
    }

    /// The receiving team as [`super::transfer::prepare_transfer`] checks it: `fingerprint` is
    /// the one the shell computed from the card's keys, `compared_in_person` what the sender
    /// confirmed.
    pub fn receiver(&self, fingerprint: &str, compared_in_person: bool) -> Receiver {
        Receiver {
            team: self.team.clone(),
            fingerprint: fingerprint.to_owned(),
            compared_in_person,
            sign_key: self.sign.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> PartnerCard {
        PartnerCard {
            team: "senda-t-0123456789abcdef01234567".into(),
            suite: "x25519-ed25519".into(),
            agree: vec![7; 32],
            sign: vec![9; 32],
            account: "p-00112233445566778899".into(),
            password: "Zq9xWmT4b2LkP0aa".into(),
            server: "https://sync.example.org:6984/couch".into(),
        }
    }

    #[test]
    fn a_card_reads_back_whole_and_names_its_inbox() {
        let text = card().to_text();
        assert!(
            text.starts_with("SENDA-PARTNER:1:senda-t-0123456789abcdef01234567:x25519-ed25519:")
        );
        assert_eq!(PartnerCard::parse(&format!("  {text}\n")), Ok(card()));
        assert_eq!(card().inbox_db(), "senda-t-0123456789abcdef01234567-inbox");
        let r = card().receiver("K7Q2-9XMD-4T0B-WZ3E", true);
        assert_eq!(
            (r.team.as_str(), r.sign_key.as_slice()),
            (card().team.as_str(), &[9u8; 32][..])
        );
        let mut local = card();
        local.server = "http://127.0.0.1:5984".into();
        assert_eq!(PartnerCard::parse(&local.to_text()), Ok(local));
    }

    #[test]
    fn anything_else_is_unreadable() {
        let text = card().to_text();
        let short_key = text.replace(&b64::encode(&[9; 32]), &b64::encode(&[9; 8]));
        let bad = [
            String::new(),
            "SENDA-JOIN:1:senda-t-0:abc:1:https://x".into(),
            text.replace("SENDA-PARTNER:1:", "SENDA-PARTNER:2:"),
            text.replace("https://", "ftp://"),
            text.replace("https://", "https://ana:pw@"),
            text.replace("Zq9xWmT4b2LkP0aa", "short"),
            text.replace("Zq9xWmT4b2LkP0aa", "Zq9xWmT4b2LkP0a!"),
            text.replace("senda-t-", "Senda-T-"),
            text.replace("p-0011", "P 0011"),
            short_key,
            text.split(':').take(6).collect::<Vec<_>>().join(":"),
        ];
        for t in bad {
            assert_eq!(PartnerCard::parse(&t), Err(CardProblem::Unreadable), "{t}");
        }
    }
}
