//! Pieces of the app shell shared by every screen.

pub mod area_page;
pub mod bottom_nav;
pub mod guidance;
pub mod header;
pub mod icons;
pub mod update_banner;
