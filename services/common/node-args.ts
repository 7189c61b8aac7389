/**
 * Node flags every service process runs with (the supervisor, the Docker image and the tests'
 * and bench's service processes pass them; a flag of V8's heap must be on the command line).
 *
 * A young generation of 16-32 MB per semi-space instead of V8's default (starts at 1 MB, grows
 * to 16): issue 17, at 12,000 samples/s the ingest ran a full mark-compact about once a second
 * (29 in a 41 s step, each freeing 1-1.5 MB of a 25 MB old generation), and V8's concurrent
 * marking on its worker threads was the largest single cost in `perf`. With these flags the
 * ingest's CPU per sample was about 10 % lower in an alternated A/B (9.3 vs 10.4 CPU-s per
 * million); the writer's and the alert worker's did not change (docs/benchmarks.md, "The
 * young-generation flags alone"). Cost: up to 2 x 32 MB more resident memory per process.
 */
export const SERVICE_NODE_ARGS: readonly string[] = ['--max-semi-space-size=32', '--min-semi-space-size=16'];
