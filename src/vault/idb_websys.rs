//! Measurement alternative to `idb.js` (feature `idb-web-sys`): the same three IndexedDB
//! primitives — open, read steps, write steps — written in Rust with web-sys's `Idb*` bindings,
//! so the release build's size can be compared with the snippet's on the same store code.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbFactory, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const STORES: [&str; 4] = ["meta", "records", "index", "quarantine"];

fn failure(name: &str) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str("name"), &JsValue::from_str(name));
    o.into()
}

fn handler(f: impl FnOnce() + 'static) -> Function {
    Closure::once_into_js(f).unchecked_into()
}

pub(super) fn open_database(factory: &JsValue, name: &str) -> Promise {
    let factory = factory.clone();
    let name = name.to_owned();
    Promise::new(&mut move |resolve: Function, reject: Function| {
        let found: Option<IdbFactory> = if factory.is_undefined() {
            web_sys::window().and_then(|w| w.indexed_db().ok().flatten())
        } else {
            factory.clone().dyn_into().ok()
        };
        let Some(found) = found else {
            let _ = reject.call1(&JsValue::NULL, &failure("UnknownError"));
            return;
        };
        let request = match found.open_with_u32(&name, 1) {
            Ok(r) => r,
            Err(e) => {
                let _ = reject.call1(&JsValue::NULL, &e);
                return;
            }
        };
        let upgrading = request.clone();
        request.set_onupgradeneeded(Some(&handler(move || {
            if let Ok(db) = upgrading.result() {
                let db: IdbDatabase = db.unchecked_into();
                for store in STORES {
                    let _ = db.create_object_store(store);
                }
            }
        })));
        let (opened, failing, reject_opened) = (request.clone(), request.clone(), reject.clone());
        request.set_onsuccess(Some(&handler(move || match opened.result() {
            Ok(db) => {
                let connection: IdbDatabase = db.clone().unchecked_into();
                let closing = connection.clone();
                connection.set_onversionchange(Some(&handler(move || closing.close())));
                let _ = resolve.call1(&JsValue::NULL, &db);
            }
            Err(e) => {
                let _ = reject_opened.call1(&JsValue::NULL, &e);
            }
        })));
        request.set_onerror(Some(&handler(move || {
            let name = failing.error().ok().flatten().map(|e| e.name()).unwrap_or_else(|| "UnknownError".into());
            let _ = reject.call1(&JsValue::NULL, &failure(&name));
        })));
    })
}

fn range(lower: JsValue, upper: JsValue) -> Result<Option<JsValue>, JsValue> {
    Ok(match (lower.is_undefined(), upper.is_undefined()) {
        (true, true) => None,
        (false, true) => Some(IdbKeyRange::lower_bound(&lower)?.into()),
        (true, false) => Some(IdbKeyRange::upper_bound_with_open(&upper, true)?.into()),
        (false, false) => Some(IdbKeyRange::bound_with_lower_open_and_upper_open(&lower, &upper, false, true)?.into()),
    })
}

fn same(a: &JsValue, b: &JsValue) -> bool {
    match (a.dyn_ref::<Uint8Array>(), b.dyn_ref::<Uint8Array>()) {
        (Some(x), Some(y)) => x.to_vec() == y.to_vec(),
        _ => (a.is_null() || a.is_undefined()) && (b.is_null() || b.is_undefined()) || a == b,
    }
}

type Broken = Rc<RefCell<Option<JsValue>>>;

fn collect(request: IdbRequest, results: &Array, i: u32) {
    let (done, results) = (request.clone(), results.clone());
    request.set_onsuccess(Some(&handler(move || {
        if let Ok(v) = done.result() {
            results.set(i, v);
        }
    })));
}

fn check(request: IdbRequest, ok: impl FnOnce(&JsValue) -> bool + 'static, tx: &IdbTransaction, broken: &Broken) {
    let (done, tx, broken) = (request.clone(), tx.clone(), broken.clone());
    request.set_onsuccess(Some(&handler(move || {
        let found = done.result().unwrap_or(JsValue::UNDEFINED);
        if !ok(&found) && broken.borrow().is_none() {
            *broken.borrow_mut() = Some(failure("ExpectationFailed"));
            let _ = tx.abort();
        }
    })));
}

fn step(
    store: &IdbObjectStore,
    s: &Array,
    i: u32,
    results: &Array,
    tx: &IdbTransaction,
    broken: &Broken,
) -> Result<(), JsValue> {
    let kind = s.get(0).as_string().unwrap_or_default();
    let r = || range(s.get(2), s.get(3));
    match kind.as_str() {
        "get" => collect(store.get(&s.get(2))?, results, i),
        "getAll" => collect(
            match r()? {
                Some(q) => store.get_all_with_key(&q)?,
                None => store.get_all()?,
            },
            results,
            i,
        ),
        "getAllKeys" => collect(
            match r()? {
                Some(q) => store.get_all_keys_with_key(&q)?,
                None => store.get_all_keys()?,
            },
            results,
            i,
        ),
        "count" => collect(
            match r()? {
                Some(q) => store.count_with_key(&q)?,
                None => store.count()?,
            },
            results,
            i,
        ),
        "put" => drop(store.put_with_key(&s.get(3), &s.get(2))?),
        "delete" => drop(store.delete(&s.get(2))?),
        "deleteRange" => drop(match r()? {
            Some(q) => store.delete(&q)?,
            None => store.clear()?,
        }),
        "clear" => drop(store.clear()?),
        "expect" => {
            let expected = s.get(3);
            check(store.get(&s.get(2))?, move |v| same(v, &expected), tx, broken)
        }
        "expectCount" => {
            let expected = s.get(4).as_f64();
            check(
                match r()? {
                    Some(q) => store.count_with_key(&q)?,
                    None => store.count()?,
                },
                move |v| v.as_f64() == expected,
                tx,
                broken,
            )
        }
        _ => return Err(failure("UnknownStep")),
    }
    Ok(())
}

fn run(db: &JsValue, mode: IdbTransactionMode, steps: &Array) -> Promise {
    let (db, steps) = (db.clone(), steps.clone());
    Promise::new(&mut move |resolve: Function, reject: Function| {
        let db: IdbDatabase = db.clone().unchecked_into();
        let names = Array::new();
        for s in steps.iter() {
            let name = Array::from(&s).get(1);
            if !names.includes(&name, 0) {
                names.push(&name);
            }
        }
        let tx = match db.transaction_with_str_sequence_and_mode(&names, mode) {
            Ok(tx) => tx,
            Err(e) => {
                let _ = reject.call1(
                    &JsValue::NULL,
                    &failure(&Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()),
                );
                return;
            }
        };
        let results = Array::new_with_length(steps.length());
        let broken: Broken = Rc::new(RefCell::new(None));
        let done = results.clone();
        tx.set_oncomplete(Some(&handler(move || drop(resolve.call1(&JsValue::NULL, &done)))));
        let (aborted, why) = (tx.clone(), broken.clone());
        tx.set_onabort(Some(&handler(move || {
            let name = aborted.error().map(|e| e.name()).unwrap_or_else(|| "AbortError".into());
            let reason = why.borrow_mut().take().unwrap_or_else(|| failure(&name));
            let _ = reject.call1(&JsValue::NULL, &reason);
        })));
        for (i, s) in steps.iter().enumerate() {
            let s = Array::from(&s);
            let outcome = tx
                .object_store(&s.get(1).as_string().unwrap_or_default())
                .and_then(|store| step(&store, &s, i as u32, &results, &tx, &broken));
            if let Err(e) = outcome {
                *broken.borrow_mut() = Some(e);
                let _ = tx.abort();
                break;
            }
        }
    })
}

pub(super) fn read_steps(db: &JsValue, steps: &Array) -> Promise {
    run(db, IdbTransactionMode::Readonly, steps)
}

pub(super) fn write_steps(db: &JsValue, steps: &Array) -> Promise {
    run(db, IdbTransactionMode::Readwrite, steps)
}
