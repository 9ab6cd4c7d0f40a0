//! The three-way comparison of a conflicted section document (base, ours, theirs), field by
//! field: disjoint changes become a merge proposal the worker confirms; the same field changed
//! on both sides needs a person's choice, and a BIA/BID decision field the supervisor's. The
//! resolution is an event that keeps every value not chosen. Never last-write-wins.

use super::envelope::DocId;
use super::revtree::Rev;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The section a document holds, for who may settle its conflicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Profile,
    Screening,
    Procedure,
    /// Best interests assessment.
    Bia,
    /// Best interests determination.
    Bid,
    Other,
}

impl SectionKind {
    /// Whether a field (JSON pointer) records a BIA/BID decision: by convention the section's
    /// top-level `decision` and `recommendation` objects and everything in them.
    pub fn is_decision_field(self, pointer: &str) -> bool {
        matches!(self, SectionKind::Bia | SectionKind::Bid)
            && ["/decision", "/recommendation"].iter().any(|p| {
                pointer == *p || pointer.strip_prefix(p).is_some_and(|r| r.starts_with('/'))
            })
    }
}

/// One field both sides changed, differently.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict {
    /// JSON pointer (RFC 6901) of the field.
    pub pointer: String,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
    pub needs_supervisor: bool,
}

/// What settling a comparison takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// Only disjoint changes: the worker confirms the proposed merge.
    Confirm,
    /// A field changed on both sides: a person chooses.
    Choice,
    /// A BIA/BID decision field changed on both sides: the supervisor chooses.
    Supervisor,
}

/// The field-by-field comparison of two versions against their common base.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Both sides' disjoint changes applied; conflicted fields hold our value until chosen.
    pub proposal: Value,
    pub changed_by_ours: Vec<String>,
    pub changed_by_theirs: Vec<String>,
    pub conflicts: Vec<FieldConflict>,
}

impl Comparison {
    pub fn need(&self) -> Need {
        self.conflicts
            .iter()
            .map(|c| if c.needs_supervisor { Need::Supervisor } else { Need::Choice })
            .max()
            .unwrap_or(Need::Confirm)
    }
}

/// Why a comparison or a resolution cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    /// A section document is not a JSON object (damaged, or not a section).
    NotASection,
    MissingChoice(String),
    /// A choice names a field that is not in conflict.
    UnknownField(String),
    SupervisorRequired,
}

impl MergeError {
    pub fn message_key(&self) -> &'static str {
        match self {
            MergeError::NotASection => "sync.error.not_a_section",
            MergeError::MissingChoice(_) | MergeError::UnknownField(_) => {
                "sync.error.choice_missing"
            }
            MergeError::SupervisorRequired => "sync.error.supervisor_required",
        }
    }
}

/// A deleted section or case, as its sealed revision carries it (deletion is a revision, so
/// deleting against editing reaches this comparison instead of vanishing).
pub fn deletion() -> Value {
    json!({ "$deleted": true })
}

pub fn is_deletion(doc: &Value) -> bool {
    *doc == deletion()
}

/// Deleting against editing is settled as a whole: a deletion of an unchanged version stands;
/// against an edit, a person (the supervisor for a BIA or BID) chooses, and the edit is kept.
fn compare_deletion(
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
    section: SectionKind,
) -> Comparison {
    let mut cmp = Comparison {
        proposal: ours.clone(),
        changed_by_ours: vec![],
        changed_by_theirs: vec![],
        conflicts: vec![],
    };
    if ours == theirs {
        return cmp;
    }
    let (deleting_is_ours, other) = if is_deletion(ours) { (true, theirs) } else { (false, ours) };
    if Some(other) == base {
        cmp.proposal = deletion();
        let list =
            if deleting_is_ours { &mut cmp.changed_by_ours } else { &mut cmp.changed_by_theirs };
        list.push(String::new());
        return cmp;
    }
    let needs_supervisor = matches!(section, SectionKind::Bia | SectionKind::Bid);
    cmp.conflicts.push(FieldConflict {
        pointer: String::new(),
        base: base.cloned(),
        ours: Some(ours.clone()),
        theirs: Some(theirs.clone()),
        needs_supervisor,
    });
    cmp
}

/// Compares `ours` and `theirs` against `base` (`None` when they share no known ancestor: then
/// every difference is a conflict).
pub fn compare(
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
    section: SectionKind,
) -> Result<Comparison, MergeError> {
    let all_objects = ours.is_object() && theirs.is_object() && base.is_none_or(Value::is_object);
    if !all_objects {
        return Err(MergeError::NotASection);
    }
    if is_deletion(ours) || is_deletion(theirs) {
        return Ok(compare_deletion(base, ours, theirs, section));
    }
    let mut cmp = Comparison {
        proposal: Value::Null,
        changed_by_ours: vec![],
        changed_by_theirs: vec![],
        conflicts: vec![],
    };
    let empty = json!({});
    let base = base.unwrap_or(&empty);
    cmp.proposal = walk(String::new(), Some(base), Some(ours), Some(theirs), section, &mut cmp)
        .unwrap_or(empty);
    Ok(cmp)
}

fn walk(
    pointer: String,
    b: Option<&Value>,
    o: Option<&Value>,
    t: Option<&Value>,
    section: SectionKind,
    cmp: &mut Comparison,
) -> Option<Value> {
    if o == t {
        return o.cloned();
    }
    if o == b {
        changed_fields(pointer, b, t, &mut cmp.changed_by_theirs);
        return t.cloned();
    }
    if t == b {
        changed_fields(pointer, b, o, &mut cmp.changed_by_ours);
        return o.cloned();
    }
    if let (Some(Value::Object(om)), Some(Value::Object(tm))) = (o, t) {
        let bm = match b {
            Some(Value::Object(m)) => Some(m),
            None => None,
            Some(_) => return conflict(pointer, b, o, t, section, cmp),
        };
        let mut keys: Vec<&String> =
            om.keys().chain(tm.keys()).chain(bm.into_iter().flat_map(Map::keys)).collect();
        keys.sort();
        keys.dedup();
        let mut merged = Map::new();
        for key in keys {
            let child = child_pointer(&pointer, key);
            let value =
                walk(child, bm.and_then(|m| m.get(key)), om.get(key), tm.get(key), section, cmp);
            if let Some(v) = value {
                merged.insert(key.clone(), v);
            }
        }
        return Some(Value::Object(merged));
    }
    conflict(pointer, b, o, t, section, cmp)
}

/// The innermost fields that differ between two versions (what a person is shown as changed).
fn changed_fields(
    pointer: String,
    from: Option<&Value>,
    to: Option<&Value>,
    out: &mut Vec<String>,
) {
    match (from, to) {
        (Some(Value::Object(f)), Some(Value::Object(t))) => {
            let mut keys: Vec<&String> = f.keys().chain(t.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                if f.get(key) != t.get(key) {
                    changed_fields(child_pointer(&pointer, key), f.get(key), t.get(key), out);
                }
            }
        }
        _ => out.push(pointer),
    }
}

fn child_pointer(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn conflict(
    pointer: String,
    b: Option<&Value>,
    o: Option<&Value>,
    t: Option<&Value>,
    section: SectionKind,
    cmp: &mut Comparison,
) -> Option<Value> {
    let needs_supervisor = section.is_decision_field(&pointer);
    cmp.conflicts.push(FieldConflict {
        pointer,
        base: b.cloned(),
        ours: o.cloned(),
        theirs: t.cloned(),
        needs_supervisor,
    });
    o.cloned()
}

/// Which version's value a person chose for a conflicted field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// Who settles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Worker,
    Supervisor,
}

/// The document, the two leaves, who resolved and when (passed in: the core reads no clock).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolutionContext {
    pub doc: DocId,
    pub ours_rev: Rev,
    pub theirs_rev: Rev,
    pub by_device: String,
    pub at_unix: i64,
}

/// A settled conflict: the document to write as the surviving revision, and the event to
/// append, which keeps every value not chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    pub resolved: Value,
    pub event: Value,
}

/// Applies a person's choices. Every conflicted field needs one; decision fields need a
/// supervisor.
pub fn resolve(
    cmp: &Comparison,
    choices: &BTreeMap<String, Side>,
    role: Role,
    ctx: &ResolutionContext,
) -> Result<Resolution, MergeError> {
    if let Some(unknown) = choices.keys().find(|p| !cmp.conflicts.iter().any(|c| &c.pointer == *p))
    {
        return Err(MergeError::UnknownField(unknown.clone()));
    }
    if cmp.need() == Need::Supervisor && role != Role::Supervisor {
        return Err(MergeError::SupervisorRequired);
    }
    let mut resolved = cmp.proposal.clone();
    let mut kept = Vec::new();
    for c in &cmp.conflicts {
        let side =
            *choices.get(&c.pointer).ok_or_else(|| MergeError::MissingChoice(c.pointer.clone()))?;
        let (chosen, other) = match side {
            Side::Ours => (&c.ours, &c.theirs),
            Side::Theirs => (&c.theirs, &c.ours),
        };
        set_pointer(&mut resolved, &c.pointer, chosen.clone())?;
        let (from, rev) = match side {
            Side::Ours => ("theirs", &ctx.theirs_rev),
            Side::Theirs => ("ours", &ctx.ours_rev),
        };
        kept.push(
            json!({"field": c.pointer, "value": other, "from": from, "rev": rev.to_string()}),
        );
    }
    let how = match cmp.need() {
        Need::Confirm => "merged",
        Need::Choice => "chosen",
        Need::Supervisor => "supervisor",
    };
    let event = json!({
        "type": "conflict_resolution",
        "doc": ctx.doc.as_str(),
        "revs": [ctx.ours_rev.to_string(), ctx.theirs_rev.to_string()],
        "how": how,
        "by": ctx.by_device,
        "at": ctx.at_unix,
        "not_chosen": kept,
    });
    Ok(Resolution { resolved, event })
}

fn set_pointer(doc: &mut Value, pointer: &str, value: Option<Value>) -> Result<(), MergeError> {
    let parts: Vec<String> =
        pointer.split('/').skip(1).map(|p| p.replace("~1", "/").replace("~0", "~")).collect();
    let Some((last, parents)) = parts.split_last() else {
        *doc = value.unwrap_or_else(|| json!({}));
        return Ok(());
    };
    let mut node = doc;
    for part in parents {
        let map = node.as_object_mut().ok_or(MergeError::NotASection)?;
        node = map.entry(part.clone()).or_insert_with(|| json!({}));
    }
    let map = node.as_object_mut().ok_or(MergeError::NotASection)?;
    match value {
        Some(v) => map.insert(last.clone(), v),
        None => map.remove(last),
    };
    Ok(())
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
