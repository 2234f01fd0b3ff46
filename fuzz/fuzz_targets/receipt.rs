#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    crema_fuzz::receipt(data);
});
