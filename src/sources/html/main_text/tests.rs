use super::*;

fn main_text(html: &str) -> String {
    extract(&Html::parse_document(html)).text
}

const PARAGRAPH: &str = "The ministry said that the clearance of the border areas would continue through the \
    year, with funding from the state budget, from international donors, and from the regional office.";

#[test]
fn navigation_scripts_asides_and_hidden_elements_are_dropped() {
    let html = format!(
        "<body><nav>Home | About</nav><script>var x = 1;</script><aside>Related: other news</aside>\
         <div hidden>secret</div><div style=\"display: none\">invisible</div>\
         <div class=\"cookie-banner\">We use cookies</div><article><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article>\
         <footer>Contact us</footer></body>"
    );
    let text = main_text(&html);
    assert_eq!(text, format!("{PARAGRAPH}\n\n{PARAGRAPH}"));
}

#[test]
fn paragraphs_are_separated_by_blank_lines_and_br_by_a_line_break() {
    let html =
        format!("<body><div class=\"content\"><p>{PARAGRAPH}</p><p>Line one<br>line  two</p></div></body>");
    assert_eq!(main_text(&html), format!("{PARAGRAPH}\n\nLine one\nline two"));
}

#[test]
fn inline_markup_does_not_split_words_or_paragraphs() {
    let html =
        format!("<body><article><p>{PARAGRAPH} A <em>very</em> impor<b>tant</b> point.</p></article></body>");
    assert!(main_text(&html).ends_with("A very important point."));
}

#[test]
fn the_article_beats_a_longer_list_of_links() {
    let links: String =
        (0..40).map(|i| format!("<li><a href=\"/{i}\">Another story number {i}</a></li>")).collect();
    let html = format!(
        "<body><div id=\"x\"><ul>{links}</ul></div><div id=\"y\"><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></body>"
    );
    let text = main_text(&html);
    assert!(text.starts_with("The ministry said"), "{text}");
    assert!(!text.contains("Another story"));
}

#[test]
fn a_whole_article_inside_a_boilerplate_class_is_kept() {
    let body: String = (0..6).map(|_| format!("<p>{PARAGRAPH}</p>")).collect();
    let html = format!(
        "<body><div class=\"sidebar\"><p>Short promo.</p></div><div class=\"above-footer\">{body}</div></body>"
    );
    assert!(main_text(&html).contains("The ministry said"));
}

#[test]
fn deeply_nested_markup_does_not_overflow_the_stack() {
    let html = format!("{}{PARAGRAPH}{}", "<div class=\"x\">".repeat(5_000), "</div>".repeat(5_000));
    let doc = Html::parse_document(&html);
    let text = extract(&doc).text;
    assert!(text.contains("The ministry said"));
}
