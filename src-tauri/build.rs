fn main() {
    // tauri.conf.json lives at the repository root (design card); the
    // icons and the web build are found relative to it.
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri build script failed");
}
