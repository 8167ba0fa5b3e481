//! The console's words about papers, in either language: where a print or save of a notice
//! went, how often each notice went out on paper, and the offer of the text print when the
//! server has no Chinese font.

use crate::domain::case::{Case, PaperForm, PaperRecord, PaperWay};

use super::text::Lang;

/// The status line after a print or save: `已打印（打印机 hall）`, `已补打（打印机 hall）`,
/// `已保存：/srv/…/case-1-notice-1.pdf（原因：no printer is set）`. A saved path is given
/// whole: the clerk may have to tell someone where the document is.
pub fn paper_note(number: u32, record: &PaperRecord, lang: Lang) -> String {
    let text = match record.form {
        PaperForm::Pdf => "",
        PaperForm::Text => match lang {
            Lang::Zh => "（文本）",
            Lang::En => " (text)",
        },
    };
    let what = match lang {
        Lang::Zh => format!("告知书 {number}{text}"),
        Lang::En => format!("Notice {number}{text}"),
    };
    match (&record.way, lang) {
        (PaperWay::Printed { printer, reprint }, Lang::Zh) => {
            let verb = if *reprint { "已补打" } else { "已打印" };
            match printer {
                Some(p) => format!("{what} {verb}（打印机 {p}）"),
                None => format!("{what} {verb}"),
            }
        }
        (PaperWay::Printed { printer, reprint }, Lang::En) => {
            let verb = if *reprint { "reprinted" } else { "printed" };
            match printer {
                Some(p) => format!("{what} {verb} (printer {p})"),
                None => format!("{what} {verb}"),
            }
        }
        (PaperWay::Saved { path, why }, Lang::Zh) => match why {
            Some(why) => format!("{what} 已保存：{path}（原因：{}）", why.chinese()),
            None => format!("{what} 已保存：{path}"),
        },
        (PaperWay::Saved { path, why }, Lang::En) => match why {
            Some(why) => format!("{what} saved: {path} (because: {})", why.english()),
            None => format!("{what} saved: {path}"),
        },
    }
}

/// How notice `number` went out on paper, for the notice view: `已打印 2 次 · 已保存 1 次`,
/// `尚未打印 · 已保存 1 次` (a saved copy is no print), or `尚未打印`.
pub fn paper_count(case: &Case, number: u32, lang: Lang) -> String {
    let of = || case.papers.iter().filter(|p| p.notice == number);
    let printed = of()
        .filter(|p| matches!(p.way, PaperWay::Printed { .. }))
        .count();
    let saved = of().count() - printed;
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            parts.push(match printed {
                0 => "尚未打印".to_string(),
                n => format!("已打印 {n} 次"),
            });
            if saved > 0 {
                parts.push(format!("已保存 {saved} 次"));
            }
        }
        Lang::En => {
            let times = |n: usize| {
                if n == 1 {
                    "once".into()
                } else {
                    format!("{n} times")
                }
            };
            parts.push(match printed {
                0 => "not printed yet".to_string(),
                n => format!("printed {}", times(n)),
            });
            if saved > 0 {
                parts.push(format!("saved {}", times(saved)));
            }
        }
    }
    parts.join(" · ")
}

/// The latest paper of notice `number`, in a few words for the case pane: `已补打 11-23 09:05
/// C01（共 3 次）`; none when it never went out on paper.
pub fn paper_latest(case: &Case, number: u32, lang: Lang) -> Option<String> {
    let papers: Vec<&PaperRecord> = case.papers.iter().filter(|p| p.notice == number).collect();
    let latest = papers.last()?;
    let at = latest.at.format("%m-%d %H:%M");
    let by = &latest.by;
    let verb = match (&latest.way, lang) {
        (PaperWay::Printed { reprint: false, .. }, Lang::Zh) => "已打印",
        (PaperWay::Printed { reprint: true, .. }, Lang::Zh) => "已补打",
        (PaperWay::Saved { .. }, Lang::Zh) => "已保存",
        (PaperWay::Printed { reprint: false, .. }, Lang::En) => "printed",
        (PaperWay::Printed { reprint: true, .. }, Lang::En) => "reprinted",
        (PaperWay::Saved { .. }, Lang::En) => "saved",
    };
    let n = papers.len();
    Some(match (lang, n) {
        (_, 1) => format!("{verb} {at} {by}"),
        (Lang::Zh, _) => format!("{verb} {at} {by}（共 {n} 次）"),
        (Lang::En, _) => format!("{verb} {at} {by} ({n} in all)"),
    })
}

/// The offer when the server can draw no PDF for want of a font: `没有中文字体：按 t 打印文本`.
pub fn no_font_offer(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("没有中文字体，无法生成 PDF：按 {key} 打印文本"),
        Lang::En => format!("No Chinese font, so no PDF: press {key} to print the text"),
    }
}

/// Said at either end of a case's notices.
pub fn no_more(first: bool, lang: Lang) -> String {
    match (first, lang) {
        (true, Lang::Zh) => "已是第一份告知书".into(),
        (false, Lang::Zh) => "已是最后一份告知书".into(),
        (true, Lang::En) => "This is the first notice".into(),
        (false, Lang::En) => "This is the latest notice".into(),
    }
}

/// The view's title: `告知书（第 1 份，共 2 份）`.
pub fn notice_title(number: u32, of: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("告知书（第 {number} 份，共 {of} 份）"),
        Lang::En => format!("Notice {number} of {of}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::SaveWhy;
    use crate::fixtures;

    fn record(way: PaperWay, minute: u32) -> PaperRecord {
        PaperRecord {
            notice: 1,
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(9, minute, 0)
                .unwrap(),
            by: "C01".into(),
            form: PaperForm::Pdf,
            way,
        }
    }

    #[test]
    fn the_status_line_says_where_a_notice_went_with_a_saved_path_whole() {
        let printed = record(
            PaperWay::Printed {
                printer: Some("hall".into()),
                reprint: false,
            },
            0,
        );
        assert_eq!(
            paper_note(1, &printed, Lang::Zh),
            "告知书 1 已打印（打印机 hall）"
        );
        assert_eq!(
            paper_note(1, &printed, Lang::En),
            "Notice 1 printed (printer hall)"
        );
        let again = record(
            PaperWay::Printed {
                printer: Some("hall".into()),
                reprint: true,
            },
            1,
        );
        assert_eq!(
            paper_note(1, &again, Lang::Zh),
            "告知书 1 已补打（打印机 hall）"
        );
        let path = "/srv/frontdesk/papers/case-1-notice-1.pdf";
        let saved = record(
            PaperWay::Saved {
                path: path.into(),
                why: Some(SaveWhy::NoPrinter),
            },
            2,
        );
        assert_eq!(
            paper_note(1, &saved, Lang::Zh),
            format!(
                "告知书 1 已保存：{path}（原因：未设置打印机（[print] printer 或 [print] command））"
            )
        );
    }

    #[test]
    fn each_notice_counts_its_prints_apart_from_its_saves() {
        let mut case = fixtures::accepted("MZ-005", "C01", None);
        assert_eq!(paper_count(&case, 1, Lang::Zh), "尚未打印");
        assert_eq!(paper_latest(&case, 1, Lang::Zh), None);
        for (reprint, minute) in [(false, 0), (true, 5)] {
            case.papers.push(record(
                PaperWay::Printed {
                    printer: None,
                    reprint,
                },
                minute,
            ));
        }
        case.papers.push(record(
            PaperWay::Saved {
                path: "/p".into(),
                why: None,
            },
            7,
        ));
        assert_eq!(paper_count(&case, 1, Lang::Zh), "已打印 2 次 · 已保存 1 次");
        assert_eq!(
            paper_count(&case, 1, Lang::En),
            "printed 2 times · saved once"
        );
        assert_eq!(paper_count(&case, 2, Lang::Zh), "尚未打印");
        assert_eq!(
            paper_latest(&case, 1, Lang::Zh).as_deref(),
            Some("已保存 11-23 09:07 C01（共 3 次）")
        );
    }
}
