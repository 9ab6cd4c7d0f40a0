//! Team sync's browser side: the HTTP transport to the team's CouchDB database and the WebCrypto
//! keys of devices, teams and cases. Reached only from the lazy team screens, never the first load.

pub mod crypto;
pub mod device_keys;
pub mod device_suite;
pub mod transport;
