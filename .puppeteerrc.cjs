// Never download a browser on install: PDFs use the system Chromium (or PUPPETEER_EXECUTABLE_PATH).
module.exports = { skipDownload: true };
