//! Supervisor review of a case's documents (issue #18): the review section of the case screen,
//! one document under review with the supervisor's decision, and the review queue.

pub mod card;
pub mod page;
pub mod panel;
pub mod queue;
pub mod signing;
pub mod status;

pub use page::CaseReviewPage;
pub use queue::ReviewQueuePage;
