/* swift-raft C ABI (libRAFTBridge.so, `swift build -c release --product RAFTBridge`).
 *
 * Status codes: 0 ok, 1 other failure, 2 bad input, 3 physics failure (the `raft` command's exit codes). On a
 * failure, *error receives a malloc'd message (the text `raft` prints after "error: "); free it with sr_free.
 * No function aborts the process on bad input.
 *
 * Threads: a model handle serialises its own calls (sr_sweep_variant excepted, which only reads the design);
 * different handles run in parallel. OpenBLAS runs on one thread.
 *
 * Packed results (sr_model_info, sr_analyze_unloaded, sr_analyze_cases, sr_run): JSON metadata
 * (sr_packed_meta) in which each numeric array is {"__nd__": [offset, d0, d1, ...]}: `offset` is the index of its
 * first element in one float64 buffer (sr_packed_count values, copied out by sr_packed_copy), d0, d1, ... its
 * shape, elements in row-major (C) order; complex arrays are {"__cnd__": [offset, d0, ...]} with each element as
 * two doubles (re, im) from `offset`. Free with sr_packed_free.
 */
#include <stdint.h>

typedef void *sr_model;
typedef void *sr_packed;

void sr_free(void *p);
const char *sr_version(void);

const char *sr_packed_meta(sr_packed p);
int64_t sr_packed_count(sr_packed p);
int32_t sr_packed_copy(sr_packed p, double *out, int64_t count);
void sr_packed_free(sr_packed p);

/* kind 0: text is YAML (or JSON); 1: JSON made from a dict (messages without line numbers); 2: text is a file path.
 * file: name in messages; base_dir: folder for relative paths (NULL/"": the working directory; kind 2: the file's). */
int32_t sr_model_create(const char *text, const char *file, const char *base_dir, int32_t kind, sr_model *out, char **error);
void sr_model_free(sr_model m);
/* nFOWT, nDOF, nw, w [rad/s], flexible, nCases, name, warnings */
int32_t sr_model_info(sr_model m, sr_packed *out, char **error);
/* RAFT analyzeUnloaded: offset_unloaded, F_lines0, C_lines0, properties */
int32_t sr_analyze_unloaded(sr_model m, sr_packed *out, char **error);
/* RAFT solveEigen: fns [Hz] (n = nDOF), modes n*n row-major, column j = mode j */
int32_t sr_solve_eigen(sr_model m, double *fns, double *modes, int64_t n, char **error);
/* RAFT solveStatics(case): case as a YAML/JSON mapping of RAFT's case keys (NULL: unloaded); r6 of every FOWT (n = 6*nFOWT) */
int32_t sr_solve_statics(sr_model m, const char *case_text, double *r6, int64_t n, char **error);
/* RAFT analyzeCases: freq_rad, case_metrics [case] {fowts: [metrics...], r6: [...], array_mooring?}, warnings */
int32_t sr_analyze_cases(sr_model m, sr_packed *out, char **error);
/* `raft run` in-process: the summary.json document */
int32_t sr_run(const char *text, const char *file, const char *base_dir, int32_t kind, sr_packed *out, char **error);

/* sweep metrics (as `raft sweep`): check names; evaluate one variant (YAML paths set to values) */
int32_t sr_sweep_check(sr_model m, const char *const *metrics, int64_t n, char **error);
int32_t sr_sweep_variant(sr_model m, const char *const *paths, const double *values, int64_t n_edits,
                         const char *const *metrics, int64_t n_metrics, double *out, char **error);
