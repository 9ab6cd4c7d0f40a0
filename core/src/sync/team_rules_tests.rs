//! The team's pure rules: names, the join payload, and which membership lists a phone trusts.
use super::*;
use crate::workflow::role::Role;

fn member(device: &str, coordinator: bool) -> MemberEntry {
    MemberEntry {
        device: device.into(),
        fingerprint: "K7Q2-9XMD-4T0B-WZ3E".into(),
        account: format!("acct-{device}"),
        role: if coordinator { Role::Coordinator } else { Role::Caseworker },
        removed_from_epoch: None,
    }
}

#[test]
fn a_team_database_name_is_opaque_and_checked() {
    let name = team_db_name([0xab; 12]);
    assert_eq!(name, format!("senda-t-{}", "ab".repeat(12)));
    assert!(is_team_db_name(&name));
    for bad in ["senda-team", "senda-t-", "senda-t-ABABABABABABABABABABABAB", "_users"] {
        assert!(!is_team_db_name(bad), "{bad}");
    }
}

#[test]
fn a_join_payload_round_trips_and_an_expired_or_mistyped_one_is_refused() {
    let payload = JoinPayload {
        server: "https://couch.example.org:6984/sub".into(),
        db: team_db_name([1; 12]),
        invite: Invite::new([7; INVITE_SECRET_LEN], 1_000),
    };
    let text = payload.to_text();
    assert!(text.starts_with("SENDA-JOIN:1:senda-t-"), "{text}");
    assert_eq!(JoinPayload::parse(&text, 1_001), Ok(payload.clone()));
    assert_eq!(JoinPayload::parse(&format!("  {text}\n"), 1_001), Ok(payload.clone()));
    let expiry = payload.invite.expires_at;
    assert_eq!(JoinPayload::parse(&text, expiry), Err(KeyError::InviteExpired));
    // One symbol of the code changed: the check symbol catches it.
    let code = payload.invite.short_code().replace('-', "");
    let mut wrong = code.clone().into_bytes();
    wrong[3] = if wrong[3] == b'A' { b'B' } else { b'A' };
    let typo = text.replace(&code, std::str::from_utf8(&wrong).unwrap());
    assert_eq!(JoinPayload::parse(&typo, 1_001), Err(KeyError::CodeMistyped));
    for bad in ["", "SENDA-JOIN:1:", "SENDA-INVITE:1:x", &text.replace("senda-t-", "other-")] {
        assert_eq!(JoinPayload::parse(bad, 1_001), Err(KeyError::CodeUnreadable), "{bad}");
    }
    assert_eq!(
        JoinPayload::parse(&text.replace("https://", "ftp://"), 1_001),
        Err(KeyError::CodeUnreadable)
    );
}

#[test]
fn what_the_secret_is_stretched_for_never_shares_a_label() {
    let labels = [
        InviteUse::Account,
        InviteUse::Password,
        InviteUse::Offer,
        InviteUse::Key,
        InviteUse::Request,
    ]
    .map(InviteUse::label);
    let labels: Vec<&[u8]> =
        labels.into_iter().chain([RECOVERY_ID_LABEL, RECOVERY_KEY_LABEL]).collect();
    for (i, a) in labels.iter().enumerate() {
        assert!(labels[i + 1..].iter().all(|b| b != a));
    }
    assert_eq!(invite_account(&[0xcd; 32]), format!("j-{}", "cd".repeat(10)));
}

#[test]
fn the_first_list_is_signed_by_its_coordinator_and_later_ones_by_an_active_coordinator() {
    let first = Membership::first("senda-t-1", member("d-a", true));
    assert_eq!(first.check(None, "d-a"), Ok(()));
    assert_eq!(first.check(None, "d-b"), Err(MembershipError::NotACoordinator));

    let mut second = first.clone();
    second.seq = 2;
    second.members.push(member("d-b", false));
    assert_eq!(second.check(Some(&first), "d-a"), Ok(()));
    assert_eq!(
        second.check(Some(&first), "d-b"),
        Err(MembershipError::NotACoordinator),
        "a member cannot add itself"
    );
    assert_eq!(
        first.check(Some(&second), "d-a"),
        Err(MembershipError::Stale),
        "an old list replayed"
    );
    assert_ne!(first.signing_bytes(), second.signing_bytes());

    let mut other = second.clone();
    other.team = "senda-t-2".into();
    other.seq = 3;
    assert_eq!(other.check(Some(&second), "d-a"), Err(MembershipError::OtherTeam));
    let mut twice = second.clone();
    twice.seq = 3;
    twice.members.push(member("d-b", false));
    assert_eq!(twice.check(Some(&second), "d-a"), Err(MembershipError::DuplicateDevice));
    let mut headless = second.clone();
    headless.seq = 3;
    headless.members[0].role = Role::Supervisor;
    assert_eq!(headless.check(Some(&second), "d-a"), Err(MembershipError::NoCoordinator));
}

#[test]
fn a_removal_starts_a_new_epoch_and_is_never_undone_or_hidden() {
    let mut list = Membership::first("senda-t-1", member("d-a", true));
    list.members.push(member("d-b", false));
    // Removing B without a new epoch: refused.
    let mut quiet = list.clone();
    quiet.seq = 2;
    quiet.members[1].removed_from_epoch = Some(2);
    assert_eq!(quiet.check(Some(&list), "d-a"), Err(MembershipError::BadEpoch));
    let mut removed = quiet.clone();
    removed.epoch = 2;
    assert_eq!(removed.check(Some(&list), "d-a"), Ok(()));
    // Brought back, or dropped from the list: refused.
    let mut back = removed.clone();
    back.seq = 3;
    back.members[1].removed_from_epoch = None;
    assert_eq!(back.check(Some(&removed), "d-a"), Err(MembershipError::RemovalUndone));
    let mut gone = list.clone();
    gone.seq = 2;
    gone.members.pop();
    assert_eq!(gone.check(Some(&list), "d-a"), Err(MembershipError::MemberDropped));
}

#[test]
fn adding_a_device_keeps_the_epoch_and_the_coordinator_can_sign_it() {
    let first = Membership::first("senda-t-x", member("d-a", true));
    let next = first.adding(member("d-b", false)).unwrap();
    assert_eq!((next.epoch, next.seq), (1, 2));
    assert_eq!(next.entry("d-b").map(|m| m.role), Some(Role::Caseworker));
    assert_eq!(next.check(Some(&first), "d-a"), Ok(()));
    // The same device twice is refused, removed or not.
    assert_eq!(next.adding(member("d-b", false)), Err(MembershipError::DuplicateDevice));
}

#[test]
fn a_role_change_keeps_the_epoch_is_signed_by_a_coordinator_and_keeps_one() {
    let first = Membership::first("senda-t-x", member("d-a", true));
    let mut sup = member("d-s", false);
    sup.role = Role::Supervisor;
    let two = first.adding(sup).unwrap();
    let demoted = two.changing_role("d-s", Role::Caseworker).unwrap();
    assert_eq!((demoted.epoch, demoted.seq), (1, 3));
    assert_eq!(demoted.entry("d-s").map(|m| m.role), Some(Role::Caseworker));
    assert_eq!(demoted.check(Some(&two), "d-a"), Ok(()));
    // Only a coordinator of the list it replaces signs it: not the demoted member.
    assert_eq!(demoted.check(Some(&two), "d-s"), Err(MembershipError::NotACoordinator));
    // Replayed after a newer list, it is stale.
    let later = demoted.adding(member("d-c", false)).unwrap();
    assert_eq!(demoted.check(Some(&later), "d-a"), Err(MembershipError::Stale));
    // The last coordinator cannot be demoted; an unknown or removed device has no role to change.
    assert_eq!(two.changing_role("d-a", Role::Supervisor), Err(MembershipError::NoCoordinator));
    assert_eq!(two.changing_role("d-x", Role::Volunteer), Err(MembershipError::NotActive));
    let (removed, _) = two.removing("d-s").unwrap();
    assert_eq!(removed.changing_role("d-s", Role::Supervisor), Err(MembershipError::NotActive));
}

#[test]
fn removing_a_device_starts_an_epoch_wraps_for_the_others_and_never_drops_the_last_coordinator() {
    let list = Membership::first("senda-t-x", member("d-a", true))
        .adding(member("d-b", false))
        .unwrap()
        .adding(member("d-c", false))
        .unwrap();
    let (next, rotation) = list.removing("d-b").unwrap();
    assert_eq!((next.epoch, next.seq), (2, 4));
    assert_eq!(next.entry("d-b").unwrap().removed_from_epoch, Some(2));
    assert_eq!(next.check(Some(&list), "d-a"), Ok(()));
    let wrap: Vec<&str> = rotation.wrap_for.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(wrap, ["d-a", "d-c"]);
    assert_eq!(rotation.disable_account_of.0, "d-b");
    let active: Vec<&str> = next.active().map(|m| m.device.as_str()).collect();
    assert_eq!(active, ["d-a", "d-c"]);
    assert_eq!(next.removing("d-b").unwrap_err(), KeyError::DeviceRemoved);
    assert_eq!(next.removing("d-z").unwrap_err(), KeyError::UnknownDevice);
    assert_eq!(next.removing("d-a").unwrap_err(), KeyError::LastCoordinator);
}

#[test]
fn a_list_is_trusted_only_from_a_coordinator_with_the_fingerprint_this_phone_knows() {
    let mut coordinator = member("d-a", true);
    coordinator.fingerprint = "AAAA-AAAA-AAAA-AAAA".into();
    let first = Membership::first("senda-t-x", coordinator);
    let next = first.adding(member("d-b", false)).unwrap();
    let fp = "AAAA-AAAA-AAAA-AAAA";
    assert_eq!(trust(&next, Some(&first), None, "d-a", fp), Ok(()));
    // The right device id, other keys: refused.
    assert_eq!(
        trust(&next, Some(&first), None, "d-a", "BBBB-BBBB-BBBB-BBBB"),
        Err(MembershipError::SignerKey)
    );
    // A caseworker's signature: refused, whatever its keys.
    let by_b = next.adding(member("d-c", false)).unwrap();
    assert_eq!(
        trust(&by_b, Some(&next), None, "d-b", "K7Q2-9XMD-4T0B-WZ3E"),
        Err(MembershipError::NotACoordinator)
    );
    // A phone that just joined trusts only the coordinator its invitation named.
    assert_eq!(trust(&next, None, Some(fp), "d-a", fp), Ok(()));
    assert_eq!(trust(&next, None, None, "d-a", fp), Err(MembershipError::SignerKey));
    let mut forged = next.clone();
    forged.members[0].fingerprint = "CCCC-CCCC-CCCC-CCCC".into();
    assert_eq!(
        trust(&forged, None, Some(fp), "d-a", "CCCC-CCCC-CCCC-CCCC"),
        Err(MembershipError::SignerKey)
    );
}

#[test]
fn what_a_coordinator_signs_binds_the_list_and_its_attachment() {
    let list = Membership::first("senda-t-x", member("d-a", true));
    let a = signed_message(&list, b"wraps-1");
    assert_ne!(a, signed_message(&list, b"wraps-2"));
    let mut other = list.clone();
    other.seq = 2;
    assert_ne!(a, signed_message(&other, b"wraps-1"));
    assert!(a.windows(19).any(|w| w == b"senda-membership-v1"));
}

#[test]
fn entry_key_ids_never_look_like_a_team_or_case_key() {
    for kid in [list_kid(3), recovery_kid(3), OFFER_KID.into(), REQUEST_KID.into()] {
        assert!(!kid.starts_with("t-") && !kid.starts_with("c-"), "{kid}");
    }
    assert_ne!(list_kid(1), recovery_kid(1));
}
