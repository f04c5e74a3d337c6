// memlab depends on puppeteer; the harness analyses Node heap snapshots and needs no browser.
module.exports = { skipDownload: true };
