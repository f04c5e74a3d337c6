import { html, type SafeHtml } from '../html.js';

export function page(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
${body}
<script src="assets/chart.umd.js"></script>
<script src="assets/site.js"></script>
</body>
</html>
`;
}

export function section(id: string, title: string, content: SafeHtml | SafeHtml[]): SafeHtml {
  return html`<section id="${id}">
<h2>${title}</h2>
${content}
</section>`;
}

export function verdictBadge(verdict: string, alarming: boolean): SafeHtml {
  const tone =
    verdict === 'clean' || verdict === 'pass' || verdict === 'holds'
      ? 'good'
      : verdict === 'inconclusive' || verdict === 'interrupted'
        ? 'unsure'
        : alarming
          ? 'bad'
          : 'expected';
  return html`<span class="badge ${tone}">${verdict}</span>`;
}

/** A link to a file under reports/, from reports/site/. */
export function reportLink(path: string, text: string): SafeHtml {
  return html`<a href="${`../${path.split('/').map(encodeURIComponent).join('/')}`}">${text}</a>`;
}
