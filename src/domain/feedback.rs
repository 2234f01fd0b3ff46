//! Feedback on an order: a rating of 1 to 5 stars and an optional comment
//! of plain text, and who may see it.

/// Stars a rating has at least and at most.
pub const MIN_RATING: i64 = 1;
pub const MAX_RATING: i64 = 5;
/// Most characters a comment may have (after trimming).
pub const MAX_COMMENT: usize = 500;
/// Most characters of the first name shown beside a public comment.
const MAX_FIRST_NAME: usize = 30;

/// Why a feedback was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackProblem {
    RatingOutOfRange,
    CommentTooLong,
    /// A control character (other than a line break) or a text-direction
    /// override: comments are plain text.
    CommentInvalid,
}

/// The rating, when it is 1 to 5.
pub fn rating(n: i64) -> Result<u8, FeedbackProblem> {
    if (MIN_RATING..=MAX_RATING).contains(&n) {
        u8::try_from(n).map_err(|_| FeedbackProblem::RatingOutOfRange)
    } else {
        Err(FeedbackProblem::RatingOutOfRange)
    }
}

/// Characters that change how text around them is shown.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// The comment as kept: line breaks made `\n`, trimmed, `None` when
/// nothing is left; at most [`MAX_COMMENT`] characters, no control
/// characters but line breaks.
pub fn comment(text: Option<&str>) -> Result<Option<String>, FeedbackProblem> {
    let Some(text) = text else { return Ok(None) };
    let text = text.replace("\r\n", "\n");
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars()
        .any(|c| (c.is_control() && c != '\n') || is_bidi_control(c))
    {
        return Err(FeedbackProblem::CommentInvalid);
    }
    if t.chars().count() > MAX_COMMENT {
        return Err(FeedbackProblem::CommentTooLong);
    }
    Ok(Some(t.to_string()))
}

/// What the public sees of a customer's name: the first word, shortened.
pub fn first_name(full: &str) -> Option<String> {
    let first = full.split_whitespace().next()?;
    Some(first.chars().take(MAX_FIRST_NAME).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ratings_are_one_to_five_stars() {
        assert_eq!(rating(1), Ok(1));
        assert_eq!(rating(5), Ok(5));
        for bad in [0, 6, -1, i64::MAX, i64::MIN] {
            assert_eq!(rating(bad), Err(FeedbackProblem::RatingOutOfRange));
        }
    }

    #[test]
    fn a_comment_is_trimmed_and_an_empty_one_is_none() {
        assert_eq!(comment(None), Ok(None));
        assert_eq!(comment(Some("  \n ")), Ok(None));
        assert_eq!(
            comment(Some("  Great flat white\r\nThanks ")),
            Ok(Some("Great flat white\nThanks".into()))
        );
    }

    #[test]
    fn control_characters_and_direction_overrides_are_refused() {
        for bad in [
            "a\u{0}b",
            "bell\u{7}",
            "tab\there",
            "x\u{202E}y",
            "esc\u{1b}[31m",
        ] {
            assert_eq!(
                comment(Some(bad)),
                Err(FeedbackProblem::CommentInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_comment_has_at_most_500_characters() {
        let max = "é".repeat(MAX_COMMENT);
        assert_eq!(comment(Some(&max)), Ok(Some(max.clone())));
        let over = format!("{max}x");
        assert_eq!(comment(Some(&over)), Err(FeedbackProblem::CommentTooLong));
    }

    #[test]
    fn the_public_sees_a_first_name_only() {
        assert_eq!(first_name("Maria Schmidt"), Some("Maria".into()));
        assert_eq!(first_name("   "), None);
        assert_eq!(first_name(&"x".repeat(80)).map(|n| n.len()), Some(30));
    }

    proptest! {
        #[test]
        fn a_kept_comment_is_plain_trimmed_and_bounded(s in "\\PC{0,600}") {
            if let Ok(Some(c)) = comment(Some(&s)) {
                prop_assert!(c.chars().count() <= MAX_COMMENT);
                prop_assert_eq!(c.trim(), c.as_str());
                prop_assert!(!c.is_empty());
                prop_assert!(c.chars().all(|ch| !ch.is_control() || ch == '\n'));
            }
        }
    }
}
