// Preloaded into a benchmarked process (node --import): prints its peak RSS to stderr at exit.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
