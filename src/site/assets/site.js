// Draws every chart of the report page from the JSON next to its canvas.
// Charts inside a closed <details> are drawn when it opens: a hidden canvas has no size.
(() => {
  const palette = [
    '#1f77b4',
    '#d62728',
    '#2ca02c',
    '#ff7f0e',
    '#9467bd',
    '#8c564b',
    '#e377c2',
    '#17becf',
    '#7f7f7f',
    '#bcbd22',
  ];

  function when(ms) {
    return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
  }

  function config(spec) {
    const xs = spec.series.flatMap((series) => series.points.map((p) => p.x));
    // A single x would make Chart.js invent a range of years; pad it by an hour (or by one) instead.
    const pad = spec.xKind === 'time' ? 3_600_000 : 1;
    const xRange = xs.length > 0 && Math.min(...xs) === Math.max(...xs) ? { min: xs[0] - pad, max: xs[0] + pad } : {};
    const xTicks = {};
    if (spec.xKind === 'time') xTicks.callback = (value) => when(value);
    if (spec.xKind === 'category') xTicks.callback = (value) => spec.categories[value] ?? value;
    if (spec.xKind === 'category') xTicks.stepSize = 1;
    return {
      type: 'line',
      data: {
        datasets: spec.series.map((series, i) => ({
          label: series.label,
          data: series.points,
          borderColor: palette[i % palette.length],
          backgroundColor: palette[i % palette.length],
          borderDash: series.dashed ? [6, 4] : [],
          pointRadius: series.points.length > 60 ? 0 : 3,
          tension: 0,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        plugins: {
          title: { display: true, text: spec.title },
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: (items) => {
                const x = items[0]?.parsed.x;
                if (spec.xKind === 'time') return when(x);
                if (spec.xKind === 'category') return spec.categories[x] ?? String(x);
                return `${spec.xLabel} ${x}`;
              },
            },
          },
        },
        scales: {
          x: { type: 'linear', title: { display: true, text: spec.xLabel }, ticks: xTicks, ...xRange },
          y: { type: spec.yLogarithmic ? 'logarithmic' : 'linear', title: { display: true, text: spec.yLabel } },
        },
      },
    };
  }

  // Chromium lays out a closed <details> with content-visibility: hidden, so offsetParent alone is not enough.
  function isVisible(element) {
    return typeof element.checkVisibility === 'function' ? element.checkVisibility() : element.offsetParent !== null;
  }

  function draw(canvas) {
    if (canvas.dataset.drawn === 'yes' || !isVisible(canvas)) return;
    const data = document.getElementById(canvas.dataset.chart);
    if (data === null) return;
    try {
      new window.Chart(canvas, config(JSON.parse(data.textContent)));
      canvas.dataset.drawn = 'yes';
    } catch (error) {
      canvas.dataset.drawn = 'error';
      canvas.insertAdjacentText('afterend', `chart failed: ${error}`);
    }
  }

  function drawVisible() {
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) draw(canvas);
  }

  if (window.Chart === undefined) {
    document.body.insertAdjacentHTML(
      'afterbegin',
      '<p class="headline bad">Chart.js did not load (assets/chart.umd.js): charts are missing, the tables are complete.</p>',
    );
    document.body.dataset.chartsDrawn = '0';
    return;
  }
  for (const details of document.querySelectorAll('details')) details.addEventListener('toggle', drawVisible);
  drawVisible();
  document.body.dataset.chartsDrawn = String(document.querySelectorAll('canvas[data-drawn="yes"]').length);
})();
