//! How `cargo xtask test` splits the browser test files into processes:
//! groups of about equal time, each one node process that imports its files
//! and launches one Chromium for them.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::util::Result;

/// Splits the test files into processes: the page-less unit tests
/// (tests/unit/) in one, the browser tests in at most `count` of about equal
/// cost (one per job: with twice as many, more Chromiums and fresh contexts
/// cost more than the finer balance saved), by their times at the last run
/// (`times`, by path). Each process's files share one Chromium and one pool
/// of idle tabs (tests/helpers.mjs): a file of its own costs a node process,
/// a Chromium and a fresh context with cold caches. Writes one entry file per
/// group into `dir`, which imports the group's files, and returns their paths.
pub fn write_test_groups(
    files: &[PathBuf],
    count: usize,
    times: &HashMap<String, f64>,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    let mut counts = Vec::new();
    for file in files {
        let text =
            fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        counts.push(test_count(&text));
    }
    let keys: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .collect();
    let (unit, browser): (Vec<_>, Vec<_>) = files
        .iter()
        .zip(file_costs(&keys, &counts, times))
        .partition(|(file, _)| file.components().any(|c| c.as_os_str() == "unit"));
    // The unit tests first: they take a second, then free their slot.
    let mut groups: Vec<Vec<&PathBuf>> = vec![unit.into_iter().map(|(file, _)| file).collect()];
    groups.extend(balance(browser, count));
    groups.retain(|g| !g.is_empty());
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for old in fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
        let old = old
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        fs::remove_file(&old).map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
    }
    let mut entries = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let mut text =
            String::from("// Written by `cargo xtask test`: one test process's files.\n");
        for file in group {
            let file = fs::canonicalize(file).map_err(|e| format!("{}: {e}", file.display()))?;
            text.push_str(&format!("import '{}';\n", file_url(&file)));
        }
        let entry = dir.join(format!("group-{}.mjs", i + 1));
        fs::write(&entry, text).map_err(|e| format!("cannot write {}: {e}", entry.display()))?;
        entries.push(entry);
    }
    Ok(entries)
}

/// `file://` and the absolute `path`, each of its names percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let text = path.to_string_lossy().replace('\\', "/");
    for name in text.trim_start_matches('/').split('/') {
        url.push('/');
        codec::percent::encode_into(name, &mut url);
    }
    url
}

/// The seconds each test file took at the last run, by path: the lines
/// `seconds<TAB>path` tests/report-times.mjs wrote; empty when there are none.
pub fn last_times(path: &Path) -> HashMap<String, f64> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (seconds, file) = line.split_once('\t')?;
            Some((file.to_string(), seconds.parse().ok()?))
        })
        .collect()
}

/// Each file's expected cost in milliseconds: its time at the last run, or,
/// for a file with none, its count of tests and page loads at the others'
/// mean time per count.
fn file_costs(keys: &[String], counts: &[usize], times: &HashMap<String, f64>) -> Vec<usize> {
    let (mut known_ms, mut known_counts) = (0.0, 0);
    for (key, count) in keys.iter().zip(counts) {
        if let Some(seconds) = times.get(key) {
            known_ms += seconds * 1000.0;
            known_counts += count;
        }
    }
    let per_count = if known_counts > 0 && known_ms > 0.0 {
        known_ms / known_counts as f64
    } else {
        1000.0
    };
    keys.iter()
        .zip(counts)
        .map(|(key, &count)| {
            let ms = times
                .get(key)
                .map_or(count as f64 * per_count, |s| s * 1000.0);
            ms.round() as usize
        })
        .collect()
}

/// What a test file's cost is guessed from before it has a time: its tests,
/// and the pages they open.
fn test_count(text: &str) -> usize {
    ["test(", "openPage(", "newContext(", ".goto(", ".reload("]
        .iter()
        .map(|call| text.matches(call).count())
        .sum::<usize>()
        + 1
}

/// Items in at most `count` groups of about equal total cost: the costliest
/// first, each into the group with the least so far. Each group keeps the
/// items' order.
fn balance<T: Ord>(items: Vec<(T, usize)>, count: usize) -> Vec<Vec<T>> {
    let mut items = items;
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut groups: Vec<(usize, Vec<T>)> = (0..count.max(1)).map(|_| (0, Vec::new())).collect();
    for (item, cost) in items {
        let lightest = groups
            .iter_mut()
            .min_by_key(|(total, _)| *total)
            .expect("at least one group");
        lightest.0 += cost;
        lightest.1.push(item);
    }
    groups
        .into_iter()
        .map(|(_, mut group)| {
            group.sort();
            group
        })
        .filter(|group| !group.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balances_groups_by_cost_and_keeps_each_in_order() {
        let items = vec![("a", 9), ("b", 1), ("c", 5), ("d", 4), ("e", 1)];
        assert_eq!(
            balance(items.clone(), 2),
            vec![vec!["a", "b"], vec!["c", "d", "e"]]
        );
        assert_eq!(
            balance(items.clone(), 1),
            vec![vec!["a", "b", "c", "d", "e"]]
        );
        // More groups than items: no empty group.
        assert_eq!(balance(items[..2].to_vec(), 4), vec![vec!["a"], vec!["b"]]);
    }

    #[test]
    fn a_file_costs_its_last_time_or_its_count_at_the_others_rate() {
        let keys = ["tests/a.test.mjs", "tests/b.test.mjs", "tests/new.test.mjs"]
            .map(String::from)
            .to_vec();
        let times = HashMap::from([
            ("tests/a.test.mjs".to_string(), 6.0),
            ("tests/b.test.mjs".to_string(), 2.0),
        ]);
        // a and b: 8 s for 4 counts, 2 s a count; the new file has 5.
        assert_eq!(
            file_costs(&keys, &[3, 1, 5], &times),
            vec![6000, 2000, 10000]
        );
        // No times yet: the counts alone.
        assert_eq!(
            file_costs(&keys, &[3, 1, 5], &HashMap::new()),
            vec![3000, 1000, 5000]
        );
    }

    #[test]
    fn reads_the_times_the_reporter_wrote() {
        let path = std::env::temp_dir().join(format!("bp-times-{}.tsv", std::process::id()));
        fs::write(
            &path,
            "12.5\ttests/a.test.mjs\nnot a line\n0.1\ttests/unit/b.test.mjs\n",
        )
        .unwrap();
        let times = last_times(&path);
        fs::remove_file(&path).unwrap();
        assert_eq!(times.len(), 2);
        assert_eq!(times["tests/a.test.mjs"], 12.5);
        assert_eq!(times["tests/unit/b.test.mjs"], 0.1);
        assert!(last_times(Path::new("/no/such/file")).is_empty());
    }

    #[test]
    fn test_file_urls_are_absolute_and_encoded() {
        assert_eq!(
            file_url(Path::new("/w/a b/x#1.test.mjs")),
            "file:///w/a%20b/x%231.test.mjs"
        );
        assert_eq!(file_url(Path::new("/w/é.mjs")), "file:///w/%C3%A9.mjs");
    }
}
