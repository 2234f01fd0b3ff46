//! One row of the results, from wrk's or a probe's JSON line.

use serde_json::{json, Value};

/// One row of the results.
#[derive(Clone, Default)]
pub(crate) struct Row {
    pub(crate) id: String,
    pub(crate) group: &'static str,
    pub(crate) scenario: String,
    pub(crate) rps: Option<f64>,
    pub(crate) requests: u64,
    pub(crate) errors: u64,
    pub(crate) p50: Option<f64>,
    pub(crate) p90: Option<f64>,
    pub(crate) p99: Option<f64>,
    pub(crate) p999: Option<f64>,
    pub(crate) max: Option<f64>,
    pub(crate) ceiling: Option<String>,
    pub(crate) ratio: Option<f64>,
    pub(crate) note: String,
    /// A figure that is neither a rate nor a latency (instructions per
    /// request, seconds of a start-up), in `unit`.
    pub(crate) value: Option<f64>,
    pub(crate) unit: &'static str,
}

impl Row {
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id, "group": self.group, "scenario": self.scenario,
            "rps": self.rps, "requests": self.requests, "errors": self.errors,
            "p50_ms": self.p50, "p90_ms": self.p90, "p99_ms": self.p99,
            "p999_ms": self.p999, "max_ms": self.max,
            "ceiling": self.ceiling, "ratio": self.ratio, "note": self.note,
            "value": self.value, "unit": self.unit,
        })
    }
}

pub(crate) fn ms(v: &Value, key: &str, scale: f64) -> Option<f64> {
    v.get(key).and_then(Value::as_f64).map(|x| x / scale)
}

pub(crate) fn row_from_wrk(id: &str, group: &'static str, scenario: &str, w: &Value) -> Row {
    let requests = w["requests"].as_u64().unwrap_or(0);
    let secs = w["duration_us"].as_f64().unwrap_or(1.0) / 1e6;
    let errors = [
        "err_connect",
        "err_read",
        "err_write",
        "err_status",
        "err_timeout",
    ]
    .iter()
    .map(|k| w[*k].as_u64().unwrap_or(0))
    .sum();
    Row {
        id: id.into(),
        group,
        scenario: scenario.into(),
        rps: Some(requests as f64 / secs),
        requests,
        errors,
        p50: ms(w, "p50_us", 1000.0),
        p90: ms(w, "p90_us", 1000.0),
        p99: ms(w, "p99_us", 1000.0),
        p999: ms(w, "p999_us", 1000.0),
        max: ms(w, "max_us", 1000.0),
        ..Row::default()
    }
}

pub(crate) fn row_from_ms(id: &str, group: &'static str, scenario: &str, v: &Value) -> Row {
    Row {
        id: id.into(),
        group,
        scenario: scenario.into(),
        rps: v["rps"].as_f64(),
        requests: v["requests"].as_u64().or(v["events"].as_u64()).unwrap_or(0),
        p50: ms(v, "p50_ms", 1.0),
        p90: ms(v, "p90_ms", 1.0),
        p99: ms(v, "p99_ms", 1.0),
        p999: ms(v, "p999_ms", 1.0),
        max: ms(v, "max_ms", 1.0),
        ..Row::default()
    }
}
