// How late the page's timers fire while something runs: a 50 ms interval
// on the page's thread, whose lateness shows how long the thread was busy.

// timers starts measuring how late a 50 ms interval fires on the page.
async function timers(page) {
  await page.evaluate(() => {
    window.gaps = [];
    let last = performance.now();
    window.gapTimer = setInterval(() => {
      const t = performance.now();
      window.gaps.push(t - last - 50);
      last = t;
    }, 50);
  });
}

// percentiles returns the median and 95th percentile of gaps, in whole
// milliseconds.
function percentiles(gaps) {
  if (gaps.length === 0) return { median: 0, p95: 0 }; // over before the first tick
  const sorted = gaps.slice().sort((a, b) => a - b);
  const pick = (q) => Math.max(0, Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]));
  return { median: pick(0.5), p95: pick(0.95) };
}

// lateness stops the measure: the median and 95th percentile, and the
// gaps measured (to pool several runs).
async function lateness(page) {
  const gaps = await page.evaluate(() => {
    clearInterval(window.gapTimer);
    return window.gaps;
  });
  return { ...percentiles(gaps), gaps };
}

module.exports = { timers, lateness, percentiles };
