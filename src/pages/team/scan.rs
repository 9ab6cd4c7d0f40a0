//! The join form's camera: reads the invitation's QR code from the rear camera, hands a Senda
//! invitation to the form (the same join as pasting it), and stops every camera track on success,
//! on Cancel, and when the screen goes (leaving it, or the vault locking, which unmounts it).
//!
//! Frames are drawn into a canvas that is never in the page and read there: by the browser's
//! `BarcodeDetector` where it has one with QR codes (Chrome on Android and macOS), otherwise by
//! the pure-Rust reader in `senda_core::sync::invite_qr` (quircs, in this chunk). No frame is
//! kept or sent.

use crate::i18n::use_i18n;
use crate::session::now;
use crate::sync::crypto::dict;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use leptos::html::{Button, Video};
use leptos::prelude::*;
use senda_core::sync::invite_qr::{read_rgba, scanned, Scanned};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The longest side of a frame as read (a phone's camera gives 640 × 480 unless asked for more).
const FRAME_MAX: f64 = 640.0;
/// The pause between two frames read, in ms: a frame read by the Rust reader takes tens of ms.
const FRAME_PAUSE_MS: u64 = 200;

/// The "Scan the QR code" button and, once tapped, the camera's view with Cancel. `on_read`
/// gets the text of a Senda invitation (the camera is already stopped then).
#[component]
pub fn ScanInvite(on_read: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let scanning = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let not_invitation = RwSignal::new(false);
    // The open camera, and which scan is current: a scan stopped while its camera was still
    // opening stops that camera as soon as it arrives.
    let stream = StoredValue::new_local(None::<JsValue>);
    let run = StoredValue::new(0u32);
    let video = NodeRef::<Video>::new();
    let scan_button = NodeRef::<Button>::new();
    let cancel_button = NodeRef::<Button>::new();

    let stop_camera = move || {
        let _ = run.try_update_value(|r| *r += 1);
        if let Some(Some(s)) = stream.try_update_value(Option::take) {
            stop_tracks(&s);
        }
        if let Some(Some(v)) = video.try_get_untracked() {
            set_prop(&v, "srcObject", &JsValue::NULL);
        }
    };
    on_cleanup(stop_camera);

    let start = move |_| {
        problem.set(None);
        not_invitation.set(false);
        scanning.set(true);
        let this_run = run.get_value().wrapping_add(1);
        run.set_value(this_run);
        request_animation_frame(move || {
            if let Some(Some(b)) = cancel_button.try_get_untracked() {
                let _ = b.focus();
            }
        });
        leptos::task::spawn_local(async move {
            let opened = open_camera().await;
            let current = move || run.try_get_value() == Some(this_run);
            let s = match opened {
                Ok(s) if current() => s,
                Ok(s) => return stop_tracks(&s),
                Err(key) => {
                    if current() {
                        let _ = problem.try_set(Some(key));
                        let _ = scanning.try_set(false);
                        focus_later(scan_button);
                    }
                    return;
                }
            };
            let Some(Some(v)) = video.try_get_untracked() else { return stop_tracks(&s) };
            stream.set_value(Some(s.clone()));
            show(&v, &s);
            let Some(mut reader) = FrameReader::new() else {
                stop_camera();
                let _ = problem.try_set(Some("team.scan.no_camera"));
                let _ = scanning.try_set(false);
                return;
            };
            while current() {
                pause(FRAME_PAUSE_MS).await;
                if !current() {
                    break;
                }
                let Some(Some(v)) = video.try_get_untracked() else { break };
                let now_secs = now().timestamp();
                let mut other = false;
                for text in reader.read(&v).await {
                    match scanned(&text, now_secs) {
                        Scanned::Invitation(invitation) => {
                            stop_camera();
                            let _ = scanning.try_set(false);
                            focus_later(scan_button);
                            on_read.run(invitation);
                            return;
                        }
                        Scanned::NotAnInvitation => other = true,
                    }
                }
                if other {
                    let _ = not_invitation.try_set(true);
                }
            }
        });
    };
    let cancel = move |_| {
        stop_camera();
        scanning.set(false);
        not_invitation.set(false);
        focus_later(scan_button);
    };

    view! {
        {move || problem.get().map(|key| view! { <p class="notice" role="alert" data-team="camera-problem">{i18n.tr(key)}</p> })}
        <Show
            when=move || scanning.get()
            fallback=move || view! {
                <button class="button wide" type="button" node_ref=scan_button on:click=start>
                    {i18n.t("team.scan.button")}
                </button>
            }
        >
            <div class="scan" role="group" aria-labelledby="team-scan-hint">
                <p class="hint" id="team-scan-hint">{i18n.t("team.scan.hint")}</p>
                // Above the camera's view, where it is seen while aiming.
                <Show when=move || not_invitation.get()>
                    <p class="notice" role="status" data-team="not-invitation">{i18n.t("team.scan.not_invitation")}</p>
                </Show>
                <video class="scan-video" node_ref=video playsinline="" muted="" aria-label=move || i18n.tr("team.scan.camera")></video>
                <button class="button wide" type="button" node_ref=cancel_button on:click=cancel>
                    {i18n.t("team.scan.cancel")}
                </button>
            </div>
        </Show>
    }
}

/// Moves the focus to `button` once it is on the page again: the frame after the change may
/// still hold the button that was taken off the page (focusing it would leave the focus
/// nowhere), so it looks again for a few frames.
fn focus_later(button: NodeRef<Button>) {
    focus_when_shown(button, 30);
}

fn focus_when_shown(button: NodeRef<Button>, frames: u8) {
    request_animation_frame(move || match button.try_get_untracked() {
        Some(Some(b)) if prop(&b, "isConnected").as_bool() == Some(true) => {
            let _ = b.focus();
        }
        Some(_) if frames > 0 => focus_when_shown(button, frames - 1),
        _ => {}
    });
}

// The camera, the video and the canvas are reached through `Reflect` (property reads, writes and
// one generic call) rather than web-sys's typed bindings: every binding wasm-bindgen generates is
// a function of the main JS file, which the first load carries, while these few generic ones are
// there already (but `Reflect.apply`). This chunk is the only one that uses the camera.

/// `object[name]` (undefined if absent).
fn prop(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or_default()
}

/// `object[name] = value`.
fn set_prop(object: &JsValue, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(name), value);
}

/// `object.name(...args)`; an error if there is no such method or it throws.
fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let method = prop(object, name);
    if !method.is_function() {
        return Err(JsValue::UNDEFINED);
    }
    let list: Array = args.iter().collect();
    Reflect::apply(method.unchecked_ref::<Function>(), object, &list)
}

/// Awaits `value` as a promise.
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(value.unchecked_into::<Promise>()).await
}

/// The page's `navigator.mediaDevices`, if it has `getUserMedia`.
fn media_devices() -> Option<JsValue> {
    let devices = prop(&web_sys::window()?.navigator(), "mediaDevices");
    prop(&devices, "getUserMedia").is_function().then_some(devices)
}

/// Whether this browser can open a camera at all (`navigator.mediaDevices.getUserMedia`; absent
/// on a page that is not a secure context).
pub fn camera_api() -> bool {
    media_devices().is_some()
}

/// Stops every track of a camera stream (the camera's light goes off).
fn stop_tracks(stream: &JsValue) {
    if let Ok(tracks) = call(stream, "getTracks", &[]) {
        for track in tracks.unchecked_into::<Array>().iter() {
            let _ = call(&track, "stop", &[]);
        }
    }
}

/// Opens the rear camera where there is one (`facingMode: environment` as a preference: a
/// laptop's only camera still opens), video only; or the message key of why not.
async fn open_camera() -> Result<JsValue, &'static str> {
    let devices = media_devices().ok_or("team.scan.no_camera")?;
    let constraints = dict(&[
        ("video", dict(&[("facingMode", "environment".into())]).into()),
        ("audio", JsValue::FALSE),
    ]);
    let promise =
        call(&devices, "getUserMedia", &[constraints.into()]).map_err(|e| camera_error(&e))?;
    let stream = settle(promise).await.map_err(|e| camera_error(&e))?;
    if prop(&stream, "getTracks").is_function() {
        Ok(stream)
    } else {
        Err("team.scan.no_camera")
    }
}

/// Why the camera did not open, as a message key: refused, or none there (or busy).
fn camera_error(error: &JsValue) -> &'static str {
    match prop(error, "name").as_string().as_deref() {
        Some("NotAllowedError") | Some("SecurityError") => "team.scan.denied",
        _ => "team.scan.no_camera",
    }
}

/// Shows `stream` in `video`, muted, and starts it (an interrupted start is no error to report).
fn show(video: &JsValue, stream: &JsValue) {
    set_prop(video, "muted", &JsValue::TRUE);
    set_prop(video, "srcObject", stream);
    if let Ok(playing) = call(video, "play", &[]) {
        leptos::task::spawn_local(async move {
            let _ = settle(playing).await;
        });
    }
}

/// Resolves after `ms` milliseconds.
async fn pause(ms: u64) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        std::time::Duration::from_millis(ms),
    );
    let _ = wait.await;
}

/// Reads frames of the camera's video: a canvas not in the page, and the browser's
/// `BarcodeDetector` while it works.
struct FrameReader {
    canvas: JsValue,
    context: JsValue,
    detector: Option<JsValue>,
}

impl FrameReader {
    fn new() -> Option<FrameReader> {
        let canvas: JsValue = web_sys::window()?.document()?.create_element("canvas").ok()?.into();
        let options = dict(&[("willReadFrequently", JsValue::TRUE)]);
        let context = call(&canvas, "getContext", &["2d".into(), options.into()]).ok()?;
        if !context.is_object() {
            return None;
        }
        Some(FrameReader { canvas, context, detector: barcode_detector() })
    }

    /// The texts of the QR codes in the video's current frame (none before it plays).
    async fn read(&mut self, video: &JsValue) -> Vec<String> {
        let number = |name: &str| prop(video, name).as_f64().unwrap_or(0.0);
        let (vw, vh) = (number("videoWidth"), number("videoHeight"));
        // HAVE_CURRENT_DATA: a frame to draw.
        if vw < 1.0 || vh < 1.0 || number("readyState") < 2.0 {
            return Vec::new();
        }
        let scale = (FRAME_MAX / vw.max(vh)).min(1.0);
        let (w, h) = ((vw * scale).round().max(1.0), (vh * scale).round().max(1.0));
        if prop(&self.canvas, "width").as_f64() != Some(w) {
            set_prop(&self.canvas, "width", &w.into());
        }
        if prop(&self.canvas, "height").as_f64() != Some(h) {
            set_prop(&self.canvas, "height", &h.into());
        }
        let at = [video.clone(), 0.into(), 0.into(), w.into(), h.into()];
        if call(&self.context, "drawImage", &at).is_err() {
            return Vec::new();
        }
        if let Some(detector) = &self.detector {
            match detect(detector, &self.canvas).await {
                Some(texts) => return texts,
                // It exists but does not work here: the Rust reader from now on.
                None => self.detector = None,
            }
        }
        let Ok(image) =
            call(&self.context, "getImageData", &[0.into(), 0.into(), w.into(), h.into()])
        else {
            return Vec::new();
        };
        let pixels = Uint8Array::new(&prop(&prop(&image, "data"), "buffer")).to_vec();
        read_rgba(w as usize, h as usize, &pixels)
    }
}

/// The browser's `BarcodeDetector` for QR codes, where it has one (not on desktop Linux or
/// Windows, Firefox or iOS Safari).
fn barcode_detector() -> Option<JsValue> {
    let constructor = prop(&web_sys::window()?.into(), "BarcodeDetector");
    if !constructor.is_function() {
        return None;
    }
    let options = dict(&[("formats", Array::of1(&"qr_code".into()).into())]);
    Reflect::construct(constructor.unchecked_ref::<Function>(), &Array::of1(&options)).ok()
}

/// The texts `BarcodeDetector.detect` finds in the canvas; `None` if it fails.
async fn detect(detector: &JsValue, canvas: &JsValue) -> Option<Vec<String>> {
    let found = settle(call(detector, "detect", std::slice::from_ref(canvas)).ok()?).await.ok()?;
    Some(
        found
            .unchecked_into::<Array>()
            .iter()
            .filter_map(|code| prop(&code, "rawValue").as_string())
            .collect(),
    )
}
