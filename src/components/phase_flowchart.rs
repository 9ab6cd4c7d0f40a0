//! A phase's flowchart as accessible inline SVG: the core lays it out, this draws it, with a
//! title and description a screen reader reads instead of the drawing, and a legend.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::procedure::flowchart::{Flowchart, Node, StepMark};

/// Draws `chart`; `caption` names the phase; `with_progress` adds the legend's marks for a case.
/// A case's view draws it again when the step on screen or its progress changes.
#[component]
pub fn PhaseFlowchart(chart: Flowchart, caption: String, with_progress: bool) -> impl IntoView {
    let i18n = use_i18n();
    let description = chart
        .nodes
        .iter()
        .map(|n| {
            let state = match (n.current, n.mark) {
                (true, _) => i18n.tr("flowchart.state.current"),
                (_, StepMark::Done) => i18n.tr("flowchart.state.done"),
                (_, StepMark::UnderWay) => i18n.tr("flowchart.state.under_way"),
                (_, StepMark::NotApplicable) => i18n.tr("flowchart.state.not_applicable"),
                (_, StepMark::Open) => i18n.tr("flowchart.state.open"),
                (_, StepMark::Reference) if n.conditional => i18n.tr("flowchart.state.conditional"),
                (_, StepMark::Reference) => String::new(),
            };
            let title = n.lines.join(" ");
            if state.is_empty() {
                format!("{}. {title}.", n.number)
            } else {
                format!("{}. {title} ({state}).", n.number)
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let label = i18n.tr_with("flowchart.label", &[("phase", &caption)]);
    let (w, h) = (chart.width, chart.height);
    let centre = w / 2;
    let arrows = chart.arrows.iter().map(|a| {
                    let tip = a.to_y - 1;
                    view! {
                        <g class="fc-arrow">
                            <line x1=centre y1=a.from_y x2=centre y2=tip - 6 />
                            <polygon points=format!("{},{} {},{} {},{}", centre - 6, tip - 8, centre + 6, tip - 8, centre, tip) />
                        </g>
                    }
                }).collect_view();
    let nodes = chart.nodes.iter().map(node).collect_view();
    view! {
        <figure class="flowchart">
            <svg class="flowchart-svg" viewBox=format!("0 0 {w} {h}") role="img"
                aria-labelledby="flowchart-title flowchart-desc" preserveAspectRatio="xMidYMin meet">
                <title id="flowchart-title">{label}</title>
                <desc id="flowchart-desc">{description}</desc>
                {arrows}
                {nodes}
            </svg>
            <figcaption class="flowchart-legend">
                <span class="legend conditional">{i18n.t("flowchart.legend.conditional")}</span>
                {with_progress.then(|| view! {
                    <span class="legend current">{i18n.t("flowchart.legend.current")}</span>
                    <span class="legend done">{i18n.t("flowchart.legend.done")}</span>
                })}
            </figcaption>
        </figure>
    }
}

fn node(n: &Node) -> impl IntoView {
    let (x, w) = (Flowchart::BOX_X, Flowchart::BOX_WIDTH);
    let badge_y = n.y + Flowchart::PADDING + Flowchart::LINE_HEIGHT / 2;
    let first_line = n.y + Flowchart::PADDING + 14;
    let badge = if n.mark == StepMark::Done {
        view! { <path class="fc-tick" d=format!("M{} {}l5 5 9-10", 21, badge_y) /> }.into_any()
    } else {
        view! { <text class="fc-number" x=28 y=badge_y + 5 text-anchor="middle">{n.number}</text> }
            .into_any()
    };
    let lines = n
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| view! { <tspan x=Flowchart::TEXT_X y=first_line + i as u32 * Flowchart::LINE_HEIGHT>{line.clone()}</tspan> })
        .collect_view();
    view! {
        <g class="fc-node" data-step=n.step.clone() data-mark=n.mark.code()
            data-current=n.current.then_some("true") data-conditional=n.conditional.then_some("true")>
            <rect x=x y=n.y width=w height=n.height rx=10 />
            <circle cx=28 cy=badge_y r=14 />
            {badge}
            <text class="fc-title">{lines}</text>
        </g>
    }
}
