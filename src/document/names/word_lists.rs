//! The fixed words names are told from: stop words that open sentences, titles that
//! stand before a name, and the lower-case connectors inside one (`Ministry of Defense`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Capitalised words that open sentences and are not names.
const STOP: &str = "The A An In On At By For From To Of With Without However According This That These Those \
    It Its As If When While Since After Before During Although Though Moreover Furthermore \
    Later Earlier Also But And Or Nor So Yet We I You He She They Our Their His Her My Your \
    There Here What Which Who Whom Why How Where Some Many Most Several All Each Every No Not \
    Other Such Both Either Neither Because Thus Therefore Hence Meanwhile Finally First Second \
    Third Then Now Today One Two Three Another Any Even Only Just Still Instead Indeed Yes Let \
    See Ibid Id Op Letter Statement Interview Email Response Presentation Note Notes January \
    February March April May June July August September October November December Monday \
    Tuesday Wednesday Thursday Friday Saturday Sunday Last Updated Who's It's Don't Isn't \
    Can't I'm We're";

/// Titles before a name; they are not part of its spelling.
const TITLES: &str = "President Prime Minister Col Colonel Gen General Lt Lieutenant Maj Major Capt Captain Sgt \
    Sergeant Dr Mr Mrs Ms Prof Professor Rev Sir Dame Lord Lady Amb Ambassador Sen Senator Rep \
    Gov Governor Judge Justice King Queen Prince Princess Sheikh Emir Pope Saint St Deputy \
    Chairman Chairwoman Secretary Director Head Chief Commander Admiral Marshal Mayor Speaker";

/// Lower-case words that may sit inside a name: `Ministry of Defense`, `Luis de Góngora`.
const CONNECTORS: &str = "of the de da di del della van von der den bin ibn du dos das y";

/// Whether `w` is in `list`, through a set built once per list.
fn listed(set: &'static OnceLock<FxHashSet<&'static str>>, list: &'static str, w: &str) -> bool {
    set.get_or_init(|| list.split_whitespace().collect()).contains(w)
}

pub(super) fn is_stop(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    listed(&SET, STOP, w)
}

pub(super) fn is_title(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    listed(&SET, TITLES, w)
}

/// Whether `w` is a title or a stop word, in one lookup: the name gate leaves out both.
pub(super) fn is_title_or_stop(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| TITLES.split_whitespace().chain(STOP.split_whitespace()).collect()).contains(w)
}

pub(super) fn is_connector(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    listed(&SET, CONNECTORS, w)
}
