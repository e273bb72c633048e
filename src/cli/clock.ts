/** The run's clock, read once here. SOURCE_DATE_EPOCH (seconds) pins it for reproducible runs. */
export function runTime(env = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}
