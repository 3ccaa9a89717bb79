"""The expected frame-budget report, by brute force from the README's definitions ("What the numbers
mean", "Output tables"), written without the job's code: frames x spans containment in plain loops,
its own budget matcher, its own nearest-rank percentiles. Rows are dicts keyed by column name."""
import bisect
import math


class BudgetMap:
    """Budget of a span name: exact names ASCII-case-insensitively first, then * / ? globs."""

    def __init__(self, budgets, other_budget, by_span_name):
        self.by_span_name = by_span_name
        self.other = other_budget or None
        self.exact = {}
        self.globs = []
        for budget, names in budgets.items():
            for pattern in names:
                if "*" in pattern or "?" in pattern:
                    self.globs.append((pattern, budget))
                else:
                    self.exact[ascii_lower(pattern)] = budget
        self.cache = {}

    def of(self, name):
        if self.by_span_name:
            return name
        if name not in self.cache:
            found = self.exact.get(ascii_lower(name))
            if found is None:
                hits = {b for p, b in self.globs if glob_matches(p, name)}
                if len(hits) > 1:
                    raise ValueError(f"span {name!r} matches globs of budgets {sorted(hits)}")
                found = hits.pop() if hits else self.other
            self.cache[name] = found
        return self.cache[name]


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def glob_matches(pattern, name):
    p, n = ascii_lower(pattern), ascii_lower(name)
    # classic dynamic programming over (pattern position, name position)
    ok = [[False] * (len(n) + 1) for _ in range(len(p) + 1)]
    ok[len(p)][len(n)] = True
    for i in range(len(p) - 1, -1, -1):
        for j in range(len(n), -1, -1):
            if p[i] == "*":
                ok[i][j] = ok[i + 1][j] or (j < len(n) and ok[i][j + 1])
            else:
                ok[i][j] = j < len(n) and (p[i] == "?" or p[i] == n[j]) and ok[i + 1][j + 1]
    return ok[0][0]


def nearest_rank(sorted_values, p):
    """The value of rank ceil(p/100 * n) (1-based) of the ascending values."""
    n = len(sorted_values)
    return sorted_values[max(1, math.ceil(p * n / 100)) - 1]


def frames_of(procs, frame_name, main_thread, window_from_ns, window_to_ns):
    """(process_id, stream_id, begin, end) of every frame beginning in the window."""
    frames = []
    for p in procs.values():
        for s in p.streams:
            if s.thread_name == main_thread:
                frames += [(p.process_id, s.stream_id, b, e) for (name, b, e, _) in s.spans
                           if name == frame_name and window_from_ns <= b < window_to_ns]
    return frames


def frame_stats(procs, frames, budgets, all_threads):
    """One row per (frame, budget present in it): count_in_frame, duration_in_frame."""
    by_stream = {}
    for p in procs.values():
        for s in p.streams:
            spans = sorted(s.spans, key=lambda sp: sp[1])
            by_stream[s.stream_id] = (p.process_id, [sp[1] for sp in spans], spans)
    rows = []
    for process_id, stream_id, fb, fe in frames:
        acc = {}
        for sid, (pid, begins, spans) in by_stream.items():
            if pid != process_id or (not all_threads and sid != stream_id):
                continue
            for i in range(bisect.bisect_left(begins, fb), bisect.bisect_right(begins, fe)):
                name, b, e, d = spans[i]
                if b >= fb and e <= fe:
                    budget = budgets.of(name)
                    if budget is not None:
                        a = acc.setdefault(budget, [0, 0])
                        a[0] += 1
                        a[1] += d
        for budget, (count, duration) in acc.items():
            rows.append(dict(process_id=process_id, frame_begin=fb, frame_end=fe, budget=budget,
                             count_in_frame=count, duration_in_frame=duration))
    return rows


def frame_summaries(frames, key_of, frame_target, hitch_threshold):
    """frames_by_process / frames_by_exe rows, keyed by key_of(process_id) (a dict of key columns)."""
    groups = {}
    for process_id, _, b, e in frames:
        k = key_of(process_id)
        groups.setdefault(tuple(k.items()), []).append(e - b)
    rows = []
    for k, lengths in groups.items():
        lengths.sort()
        n, total = len(lengths), sum(lengths)
        over = sum(1 for d in lengths if d > frame_target)
        hitches = sum(1 for d in lengths if d > hitch_threshold)
        rows.append(dict(k, frames=n, total_frame_duration=total, mean_frame_duration=float(total) / n,
                         min_frame_duration=lengths[0], p50_frame_duration=nearest_rank(lengths, 50),
                         p90_frame_duration=nearest_rank(lengths, 90), p95_frame_duration=nearest_rank(lengths, 95),
                         p99_frame_duration=nearest_rank(lengths, 99), max_frame_duration=lengths[-1],
                         frame_target_duration=frame_target, frames_over_target=over, share_over_target=over / n,
                         hitch_threshold_duration=hitch_threshold, hitch_frames=hitches,
                         hitches_per_minute=hitches / (total / 60e9) if total > 0 else None))
    return rows


def aggregates(stats, key_of, summaries, targets):
    """aggregates_by_process / aggregates_by_exe rows (key columns + budget + statistics)."""
    totals = {}
    for s in summaries:
        key = tuple((c, s[c]) for c in key_of.columns)
        totals[key] = (s["frames"], s["total_frame_duration"])
    groups = {}
    for r in stats:
        k = tuple(key_of(r["process_id"]).items())
        groups.setdefault((k, r["budget"]), []).append((r["count_in_frame"], r["duration_in_frame"]))
    rows = []
    for (k, budget), per_frame in groups.items():
        durations = sorted(d for _, d in per_frame)
        n, total = len(durations), sum(durations)
        total_frames, total_time = totals[k]
        p50, p95 = nearest_rank(durations, 50), nearest_rank(durations, 95)
        target = targets.get(budget)
        over = None if target is None else sum(1 for d in durations if d > target)
        status = None if target is None else "fail" if p50 > target else "warn" if p95 > target else "pass"
        rows.append(dict(k, budget=budget, nb_frames=n, sum_counts=sum(c for c, _ in per_frame), sum_duration=total,
                         min_duration=durations[0], max_duration=durations[-1], mean_duration=float(total) / n,
                         p50_duration=p50, p90_duration=nearest_rank(durations, 90), p95_duration=p95,
                         p99_duration=nearest_rank(durations, 99), total_frames=total_frames,
                         share_of_frames=n / total_frames, total_frame_duration=total_time,
                         share_of_frame_time=total / total_time if total_time > 0 else None,
                         target_duration=target, frames_over_target=over,
                         share_over_target=None if over is None else over / total_frames, target_status=status))
    return rows


def top_offenders(stats, n):
    """The n worst frames per budget: duration desc, then process_id, frame_begin, frame_end."""
    by_budget = {}
    for r in stats:
        by_budget.setdefault(r["budget"], []).append(r)
    rows = []
    for budget, frames in by_budget.items():
        frames.sort(key=lambda r: (-r["duration_in_frame"], r["process_id"], r["frame_begin"], r["frame_end"]))
        for rank, r in enumerate(frames[:n], start=1):
            rows.append(dict(budget=budget, rank=rank, process_id=r["process_id"], frame_begin=r["frame_begin"],
                             frame_end=r["frame_end"], duration_in_frame=r["duration_in_frame"],
                             count_in_frame=r["count_in_frame"]))
    return rows


class Key:
    """The grouping columns of a process id: the process itself, or its (exe, build)."""

    def __init__(self, procs, by_exe):
        self.procs, self.by_exe = procs, by_exe
        self.columns = ("exe", "build") if by_exe else ("process_id",)

    def __call__(self, process_id):
        if self.by_exe:
            p = self.procs[process_id]
            return {"exe": p.exe, "build": p.build}
        return {"process_id": process_id}


def report(procs, settings, window_from_ns, window_to_ns):
    """Every table the job writes, as {table: rows}, plus the frames found."""
    frames = frames_of(procs, settings.frame_name, settings.main_thread, window_from_ns, window_to_ns)
    stats = frame_stats(procs, frames, settings.budgets, settings.all_threads)
    by_process, by_exe = Key(procs, False), Key(procs, True)
    fbp = frame_summaries(frames, by_process, settings.frame_target, settings.hitch_threshold)
    fbe = frame_summaries(frames, by_exe, settings.frame_target, settings.hitch_threshold)
    return frames, {
        "frame_stats": stats,
        "frames_by_process": fbp,
        "frames_by_exe": fbe,
        "aggregates_by_process": aggregates(stats, by_process, fbp, settings.targets),
        "aggregates_by_exe": aggregates(stats, by_exe, fbe, settings.targets),
        "top_offenders": top_offenders(stats, settings.top_offenders),
        "budget_changes": [],  # a first report in its output folder has no baseline
    }
