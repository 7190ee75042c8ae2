use super::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sources").join(name))
        .unwrap()
}

#[test]
fn garbage_is_malformed() {
    let out = extract(b"%PDF-1.7\n this is not a pdf", &Limits::default());
    assert!(matches!(out.unverifiable, Some(Unverifiable::Malformed(_))), "{:?}", out.unverifiable);
}

#[test]
fn the_text_fixture_reads_in_reading_order_with_a_paragraph_break() {
    let out = extract(&fixture("text.pdf"), &Limits::default());
    assert_eq!(out.unverifiable, None);
    assert_eq!(
        out.text,
        "Statement of the Ministry of Foreign Affairs\nYerevan, 29 April 2010\n\n\
         Armenia is not in a position to join the Mine Ban\nTreaty at this time, the Minister said."
    );
}

#[test]
fn a_compression_bomb_is_too_large_to_read() {
    let pdf = fixture("text.pdf");
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut bomb = lopdf::Stream::new(lopdf::Dictionary::new(), vec![b' '; 4 << 20]);
    bomb.compress().unwrap();
    assert!(bomb.content.len() < 64 << 10);
    doc.add_object(bomb);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let limits = Limits { max_pdf_inflated_bytes: 1 << 20, ..Limits::default() };
    assert_eq!(extract(&bytes, &limits).unverifiable, Some(Unverifiable::TooLarge));
    assert_eq!(extract(&bytes, &Limits::default()).unverifiable, None);
}
