//! The fields an error can name (`params.field`), as a client can word
//! them: one table, listed in the OpenAPI document as `ErrorField`.

/// Declares the fields with their wire string, once.
macro_rules! fields {
    ($($variant:ident = $name:literal,)*) => {
        /// A value of a request an error is about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            /// Every field, for tests and the OpenAPI document.
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];

            /// The snake_case name a client sees.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }
        }
    };
}

fields! {
    Amount = "amount",
    Tip = "tip",
    Tendered = "tendered",
    Price = "price",
    Note = "note",
    Table = "table",
    Reason = "reason",
    Name = "name",
    Description = "description",
    Search = "search",
    Username = "username",
    Password = "password",
    Pin = "pin",
    Email = "email",
    Phone = "phone",
    CouponCode = "coupon_code",
    Percentage = "percentage",
    Discount = "discount",
    DiscountLimit = "discount_limit",
    ValidUntil = "valid_until",
    Currency = "currency",
    Date = "date",
    DateRange = "date_range",
    ModifierGroups = "modifier_groups",
    ModifierOptions = "modifier_options",
    ModifierMax = "modifier_max",
    ModifierMin = "modifier_min",
    LibraryGroup = "library_group",
    ModifierOption = "modifier_option",
    TaxRate = "tax_rate",
    TaxClasses = "tax_classes",
    TaxClassName = "tax_class_name",
    ShopName = "shop_name",
    ReceiptFooter = "receipt_footer",
    ReceiptHeader = "receipt_header",
    TicketMinutes = "ticket_minutes",
    RegularAfterVisits = "regular_after_visits",
    RefundLimit = "refund_limit",
    KioskReturnSeconds = "kiosk_return_seconds",
    Timezone = "timezone",
    TaxClassId = "tax_class_id",
    Code = "code",
    PrinterPort = "printer_port",
    PaperWidth = "paper_width",
    PrinterHost = "printer_host",
    Cashiers = "cashiers",
    CountedCash = "counted_cash",
    OpeningFloat = "opening_float",
    IdempotencyKey = "idempotency_key",
    Request = "request",
    Setting = "setting",
    DeviceName = "device_name",
    Lines = "lines",
    RefundLines = "refund_lines",
    OrderStatus = "order_status",
    OrderType = "order_type",
    PaymentMethod = "payment_method",
    Role = "role",
    PrepMinutes = "prep_minutes",
    Station = "station",
    LoyaltyTiers = "loyalty_tiers",
    Points = "points",
    Count = "count",
    Prefix = "prefix",
}

impl serde::Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
