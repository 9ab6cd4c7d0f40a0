use super::*;

fn dev(n: u8) -> DeviceId {
    DeviceId::new([n; 16])
}

fn team_of_three() -> Team {
    let mut team = Team::create(dev(1), "AAAA".into());
    team.add(dev(2), "BBBB".into()).unwrap();
    team.add(dev(3), "CCCC".into()).unwrap();
    team
}

#[test]
fn removing_a_member_starts_a_new_epoch_wrapped_for_everyone_else_and_the_recovery_code() {
    let mut team = team_of_three();
    assert_eq!(team.epoch, 1);
    let rotation = team.remove(&dev(2)).unwrap();
    assert_eq!(
        rotation,
        Rotation {
            new_epoch: 2,
            wrap_for: vec![dev(1), dev(3)],
            wrap_for_recovery: true,
            disable_account_of: dev(2)
        }
    );
    assert_eq!(team.epoch, 2);
    assert_eq!(team.members[&dev(2)].removed_from_epoch, Some(2));
    assert_eq!(team.remove(&dev(2)), Err(KeyError::DeviceRemoved));
    assert_eq!(
        team.add(dev(2), "BBBB".into()),
        Err(KeyError::DeviceRemoved),
        "a removed phone rejoins as a new device"
    );
    assert_eq!(team.remove(&dev(9)), Err(KeyError::UnknownDevice));
}

#[test]
fn the_only_coordinator_cannot_be_removed() {
    let mut team = team_of_three();
    assert_eq!(team.remove(&dev(1)), Err(KeyError::LastCoordinator));
    assert_eq!(team.epoch, 1, "nothing changed");
}

#[test]
fn a_case_gets_a_fresh_key_at_its_first_write_after_a_rotation_and_keeps_it_otherwise() {
    let fresh = key_for_write(None, 1, [0xc1; 16]).unwrap();
    let WriteKey::Fresh(key) = fresh else { panic!("a new case gets a fresh key") };
    assert_eq!(key, CaseKey { kid: format!("c-{}", "c1".repeat(16)), epoch: 1 });
    assert_eq!(key_for_write(Some(&key), 1, [2; 16]), Ok(WriteKey::Reuse(key.clone())));
    let after_rotation = key_for_write(Some(&key), 2, [3; 16]).unwrap();
    assert_eq!(
        after_rotation,
        WriteKey::Fresh(CaseKey { kid: format!("c-{}", "03".repeat(16)), epoch: 2 })
    );
    assert_eq!(
        key_for_write(Some(&CaseKey { kid: "c-x".into(), epoch: 3 }), 2, [0; 16]),
        Err(KeyError::KeysOutOfDate)
    );
}

#[test]
fn key_ids_fit_the_envelope_kid_rule() {
    let WriteKey::Fresh(case) = key_for_write(None, 7, [0xff; 16]).unwrap() else { panic!() };
    for kid in [team_kid(7), case.kid] {
        assert!(kid.len() <= crate::sync::envelope::MAX_KID_LEN);
        assert!(
            kid.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
            "{kid}"
        );
    }
}

#[test]
fn an_invite_is_read_out_as_sixteen_symbols_and_a_check_and_forgives_how_it_is_typed() {
    let invite = Invite::new([0x5a; 10], 1_000);
    let code = invite.short_code();
    assert_eq!(code.len(), 16 + 4 + 1);
    assert_eq!(code.matches('-').count(), 4);
    assert_eq!(parse_invite_code(&code), Ok(invite.secret));
    assert_eq!(parse_invite_code(&code.to_lowercase().replace('-', " ")), Ok(invite.secret));
    assert_eq!(invite.expires_at, 1_000 + INVITE_TTL_SECS);
}

#[test]
fn a_misread_symbol_in_an_invite_code_is_caught_by_its_check() {
    let invite = Invite::new([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x22], 0);
    let code = invite.short_code();
    let first = code.chars().next().unwrap();
    let misread: String =
        std::iter::once(if first == 'Z' { 'Y' } else { 'Z' }).chain(code.chars().skip(1)).collect();
    assert_eq!(parse_invite_code(&misread), Err(KeyError::CodeMistyped));
    assert_eq!(parse_invite_code("ABCD"), Err(KeyError::CodeUnreadable));
    assert_eq!(parse_invite_code(""), Err(KeyError::CodeUnreadable));
    assert_eq!(parse_invite_code("ABCD-EFGH-JKMN-PQR#-1"), Err(KeyError::CodeUnreadable));
    assert_eq!(KeyError::CodeMistyped.message_key(), "sync.error.code_mistyped");
}

#[test]
fn an_invite_works_once_before_its_expiry_and_only_with_its_secret() {
    let invite = Invite::new([9; 10], 100);
    assert_eq!(invite.accept(&[9; 10], 100 + INVITE_TTL_SECS - 1, false), Ok(()));
    assert_eq!(invite.accept(&[9; 10], 200, true), Err(KeyError::InviteUsed));
    assert_eq!(invite.accept(&[9; 10], 100 + INVITE_TTL_SECS, false), Err(KeyError::InviteExpired));
    assert_eq!(invite.accept(&[8; 10], 200, false), Err(KeyError::InviteWrong));
}

#[test]
fn the_qr_payload_carries_the_code_and_expiry_and_an_old_one_is_refused() {
    let invite = Invite::new([0xa0; 10], 5_000);
    let payload = invite.qr_payload();
    assert!(payload.starts_with("SENDA-INVITE:1:"));
    assert_eq!(parse_invite_qr(&payload, 5_001), Ok(invite.clone()));
    assert_eq!(parse_invite_qr(&payload, invite.expires_at), Err(KeyError::InviteExpired));
    for bad in [
        "",
        "SENDA-INVITE:2:X:1",
        "SENDA-INVITE:1:abc",
        "SENDA-INVITE:1:ABC:x",
        "OTHER:1:A:1:extra",
    ] {
        assert_eq!(parse_invite_qr(bad, 0), Err(KeyError::CodeUnreadable), "{bad}");
    }
}

#[test]
fn the_recovery_code_round_trips_and_a_misprint_is_caught() {
    let secret: [u8; RECOVERY_SECRET_LEN] = core::array::from_fn(|i| (i * 37 + 5) as u8);
    let code = recovery_code(&secret);
    assert_eq!(code.split('-').count(), 9, "eight groups of four and a check symbol");
    assert_eq!(parse_recovery_code(&code), Ok(secret));
    let mut chars: Vec<char> = code.chars().collect();
    chars.swap(0, 1);
    if chars[0] != chars[1] {
        assert_eq!(
            parse_recovery_code(&chars.iter().collect::<String>()),
            Err(KeyError::CodeMistyped)
        );
    }
    assert_eq!(
        parse_recovery_code(&Invite::new([1; 10], 0).short_code()),
        Err(KeyError::CodeUnreadable)
    );
}

#[test]
fn fingerprints_are_four_groups_of_four_readable_symbols() {
    let fp = fingerprint(&[0xde; 32]);
    assert_eq!(fp.len(), 19);
    assert!(fp.split('-').all(|g| g.len() == 4));
    assert!(!fp.contains(['I', 'L', 'O', 'U']));
    assert_ne!(fingerprint(&[0xdf; 32]), fp);
}

#[test]
fn join_messages_bind_every_field_without_ambiguity() {
    let a = join_request_message(&dev(1), b"key");
    assert_ne!(a, join_request_message(&dev(2), b"key"));
    assert_ne!(a, join_request_message(&dev(1), b"kez"));
    assert_ne!(join_reply_message(1, b"ab", b"c"), join_reply_message(1, b"a", b"bc"));
    assert_ne!(join_reply_message(1, b"a", b"b"), join_reply_message(2, b"a", b"b"));
}
