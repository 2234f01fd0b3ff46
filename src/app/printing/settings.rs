//! The receipt printer's settings: what the admin panel sets, how they are
//! checked, and the keys they are stored under in the settings table.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::{AppError, AppResult};
use crate::domain::Field;
use crate::printing::PaperWidth;

/// The raw TCP port of network receipt printers.
pub const DEFAULT_PORT: u16 = 9100;

/// The receipt printer (admin panel). Stored in the settings table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrinterSettings {
    /// Name or IP address of a network ESC/POS printer, without scheme or
    /// port. Empty: no network printer (the counter uses the system print
    /// dialog).
    pub host: String,
    /// Raw TCP port, usually 9100.
    #[serde(default = "default_port")]
    pub port: u16,
    /// Paper roll width: 58 (32 columns) or 80 (48 columns).
    #[serde(default = "default_width")]
    pub paper_width_mm: u8,
    /// Print a receipt when an order becomes fully paid.
    #[serde(default = "crate::app::default_true")]
    pub auto_print: bool,
    /// Open the cash drawer when a payment is taken in cash.
    #[serde(default = "crate::app::default_true")]
    pub open_drawer_on_cash: bool,
}

fn default_port() -> u16 {
    DEFAULT_PORT
}
fn default_width() -> u8 {
    80
}
impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            host: String::new(),
            port: DEFAULT_PORT,
            paper_width_mm: default_width(),
            auto_print: true,
            open_drawer_on_cash: true,
        }
    }
}

const KEY_HOST: &str = "printer_host";
const KEY_PORT: &str = "printer_port";
const KEY_WIDTH: &str = "printer_paper_width_mm";
const KEY_AUTO: &str = "printer_auto_print";
const KEY_DRAWER: &str = "printer_open_drawer_on_cash";

impl PrinterSettings {
    /// From the settings table; missing or unreadable keys take defaults.
    pub fn from_map(m: &HashMap<String, String>) -> Self {
        let d = PrinterSettings::default();
        fn parsed<T: std::str::FromStr>(m: &HashMap<String, String>, k: &str, default: T) -> T {
            match m.get(k).map(|v| v.parse()) {
                None => default,
                Some(Ok(v)) => v,
                Some(Err(_)) => {
                    tracing::warn!(key = k, "unreadable printer setting; using the default");
                    default
                }
            }
        }
        let s = PrinterSettings {
            host: m.get(KEY_HOST).cloned().unwrap_or_default(),
            port: parsed(m, KEY_PORT, d.port),
            paper_width_mm: parsed(m, KEY_WIDTH, d.paper_width_mm),
            auto_print: parsed(m, KEY_AUTO, d.auto_print),
            open_drawer_on_cash: parsed(m, KEY_DRAWER, d.open_drawer_on_cash),
        };
        match s.clone().checked() {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, "stored printer settings are invalid; printing is off");
                PrinterSettings::default()
            }
        }
    }

    /// Validated and normalised (host trimmed).
    pub fn checked(mut self) -> AppResult<Self> {
        self.host = self.host.trim().to_string();
        check_host(&self.host)?;
        if self.port == 0 {
            return Err(AppError::out_of_range(
                Field::PrinterPort,
                1,
                65535,
                "the printer port is 1 to 65535",
            ));
        }
        if PaperWidth::from_mm(self.paper_width_mm).is_none() {
            return Err(AppError::invalid_value(
                Field::PaperWidth,
                "the paper width is 58 or 80 (mm)",
            ));
        }
        Ok(self)
    }

    /// Whether a network printer is set.
    pub fn configured(&self) -> bool {
        !self.host.is_empty()
    }

    pub fn paper_width(&self) -> PaperWidth {
        PaperWidth::from_mm(self.paper_width_mm).unwrap_or(PaperWidth::Mm80)
    }

    /// The keys and values these settings are stored as (the reverse of
    /// [`PrinterSettings::from_map`]).
    pub(super) fn entries(&self) -> [(&'static str, String); 5] {
        [
            (KEY_HOST, self.host.clone()),
            (KEY_PORT, self.port.to_string()),
            (KEY_WIDTH, self.paper_width_mm.to_string()),
            (KEY_AUTO, self.auto_print.to_string()),
            (KEY_DRAWER, self.open_drawer_on_cash.to_string()),
        ]
    }
}

/// A host name or an IP address: no scheme, port, path or spaces.
fn check_host(host: &str) -> AppResult<()> {
    if host.is_empty() {
        return Ok(());
    }
    let bad = || {
        AppError::invalid_value(
            Field::PrinterHost,
            "the printer host is a name or IP address without scheme or port, e.g. 192.168.1.50",
        )
    };
    if host.len() > 253 {
        return Err(bad());
    }
    let ipv6 = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if ipv6.parse::<std::net::Ipv6Addr>().is_ok() {
        return Ok(());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(host: &str, port: u16, width: u8) -> AppResult<PrinterSettings> {
        PrinterSettings {
            host: host.into(),
            port,
            paper_width_mm: width,
            ..PrinterSettings::default()
        }
        .checked()
    }

    #[test]
    fn hosts_are_names_or_addresses_without_scheme_or_port() {
        for ok in [
            "",
            "192.168.1.50",
            "printer.local",
            "epson-tm",
            "fe80::1",
            "[::1]",
        ] {
            assert!(with(ok, 9100, 80).is_ok(), "{ok}");
        }
        assert_eq!(with("  10.0.0.9 ", 9100, 58).unwrap().host, "10.0.0.9");
        for bad in [
            "http://10.0.0.9",
            "10.0.0.9:9100",
            "printer/x",
            "two words",
            "-bad.local",
            "a..b",
        ] {
            assert!(with(bad, 9100, 80).is_err(), "{bad}");
        }
    }

    #[test]
    fn port_and_width_are_checked() {
        assert!(with("p", 0, 80).is_err());
        assert!(with("p", 65535, 80).is_ok());
        assert!(with("p", 9100, 57).is_err());
        assert!(with("p", 9100, 58).is_ok());
    }

    #[test]
    fn stored_settings_round_trip_and_bad_ones_fall_back() {
        let mut m = HashMap::new();
        assert_eq!(PrinterSettings::from_map(&m), PrinterSettings::default());
        m.insert(KEY_HOST.into(), "10.0.0.9".into());
        m.insert(KEY_PORT.into(), "9101".into());
        m.insert(KEY_WIDTH.into(), "58".into());
        m.insert(KEY_AUTO.into(), "false".into());
        let s = PrinterSettings::from_map(&m);
        assert_eq!(
            (s.host.as_str(), s.port, s.paper_width_mm, s.auto_print),
            ("10.0.0.9", 9101, 58, false)
        );
        m.insert(KEY_PORT.into(), "not a port".into());
        assert_eq!(PrinterSettings::from_map(&m).port, DEFAULT_PORT);
    }
}
