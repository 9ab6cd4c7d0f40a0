//! Team sync's browser side: the HTTP transport to the team's CouchDB database, the WebCrypto
//! keys of devices, teams and cases, the IndexedDB replica, the replication driver and the
//! wiring of the vault's cases to sealed section documents. Reached only from the lazy team
//! screens, never the first load.

pub mod audit_chain;
pub mod audit_heads;
pub mod auto;
pub mod crypto;
pub mod device_keys;
pub mod device_suite;
pub mod local_replica;
pub mod membership;
pub mod recovery;
pub mod replicate;
pub mod team;
pub mod team_cases;
pub mod team_state;
pub mod transfer;
pub mod transport;
pub mod workflow_sign;
