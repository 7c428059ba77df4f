// parseArgs reads `--key value` pairs from the command line into a copy of
// defaults: only its keys are accepted, and a key whose default is a number
// takes a number.
export function parseArgs(defaults, argv = process.argv.slice(2)) {
  const a = { ...defaults };
  for (let k = 0; k < argv.length; k += 2) {
    const key = argv[k].replace(/^--/, '');
    if (!(key in a) || argv[k + 1] === undefined) throw new Error(`bad argument ${argv[k]}`);
    a[key] = typeof a[key] === 'number' ? Number(argv[k + 1]) : argv[k + 1];
  }
  return a;
}
