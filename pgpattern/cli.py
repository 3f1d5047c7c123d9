"""The `pgpattern` command: a thin shell over the database and the embedded server."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import shlex
import shutil
import signal
import sys
import time
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

import click
import psycopg

from . import __version__, hooks, replay
from .audit import audit_entries
from .encryption import mark_sensitive, rotate, sensitive_fields
from .errors import PgPatternError, database_error
from .forget import forget
from .gitlog import Repository
from .html_report import CHARTS, Limits, render_chart, render_html
from .html_report import collect as collect_visual_data
from .ingest import DEFAULT_BATCH_SIZE, Progress, default_project_name
from .ingest import ingest as ingest_history
from .output import format_option, note, print_mapping, print_rows, rate
from .project_delete import delete_project, project_rows
from .replica import LocalReplica
from .report import ALGORITHMS, DiscoverOptions, build_report, discover
from .server import LocalServer
from .suggest import default_author, staged_files, suggestions
from .target import Target, read_target, require_primary, resolve
from .worker import Worker

if TYPE_CHECKING:
    from .migrations import Migrator


class Group(click.Group):
    """Turns pgpattern's errors into `Error: ...` lines and exit code 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PgPatternError as e:
            raise click.ClickException(str(e)) from None
        except psycopg.Error as e:
            raise click.ClickException(str(database_error(e))) from None


dsn_option = click.option(
    "--dsn", metavar="DSN",
    help="Connection string or URL. Default: PGPATTERN_DSN, else libpq's PG* variables, "
         "else the embedded database.",
)


read_dsn_option = click.option(
    "--read-dsn", metavar="DSN",
    help="Read from this server, e.g. a hot standby. Default: PGPATTERN_READ_DSN, else the embedded "
         "replica while it runs (pgpattern db replica), else the database --dsn names.",
)


def with_target(func=None, *, writes: bool = False):
    """Resolves --dsn to a Target (starting the embedded server when it is the target).

    A command that writes refuses a standby before it starts its work.
    """
    if func is None:
        return functools.partial(with_target, writes=writes)

    @dsn_option
    @functools.wraps(func)
    def wrapper(dsn, **kwargs):
        target = resolve(dsn)
        if not kwargs.get("quiet"):
            announce(target)
        if writes:
            require_primary(target.conninfo, click.get_current_context().info_name)
        return func(target, **kwargs)
    return wrapper


def with_read_target(func):
    """Resolves --read-dsn and --dsn to the Target a read-only command reads from (see target.read_target)."""
    @dsn_option
    @read_dsn_option
    @functools.wraps(func)
    def wrapper(dsn, read_dsn, **kwargs):
        target = read_target(dsn, read_dsn)
        announce(target)
        return func(target, **kwargs)
    return wrapper


def announce(target: Target) -> None:
    """Says on stderr which database a command uses when it is not the one named by --dsn."""
    if target.source == "embedded replica":
        note(f"reading from the embedded replica in {target.server.home} (port {target.server.port})")
    elif target.server is not None:
        note(f"using the embedded database in {target.server.home} (port {target.server.port})")
    elif target.source in ("--read-dsn", "PGPATTERN_READ_DSN"):
        note(f"reading from {target.display} ({target.source})")


def migrator_for(target: Target, **kwargs) -> Migrator:
    from .migrations import Migrator
    directory = os.environ.get("PGPATTERN_MIGRATIONS_DIR")
    return Migrator(target.conninfo, Path(directory) if directory else None, **kwargs)


def _progress(verb: str, migration_id: str, seconds: float) -> None:
    note(f"{verb} {migration_id} ({seconds:.2f} s)")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pgpattern")
def cli():
    """Development-pattern intelligence that lives inside PostgreSQL.

    Every command that needs a database uses --dsn, else PGPATTERN_DSN, else libpq's
    PG* variables, else the embedded database (started when needed).
    """


# -- migrations ---------------------------------------------------------------

@cli.command()
@with_target(writes=True)
@click.option("--to", "to", metavar="ID", help="Apply up to and including this migration.")
@click.option("--lock-timeout", type=float, default=300, show_default=True,
              help="Seconds to wait for another migration run on the same database.")
def migrate(target: Target, to: str | None, lock_timeout: float):
    """Apply pending migrations, each in its own transaction.

    Example: pgpattern migrate --to 0003_roles
    """
    with migrator_for(target, lock_timeout=lock_timeout) as m:
        done = m.migrate(to=to, progress=_progress, on_wait=note)
    note(f"applied {len(done)} migration{'s' if len(done) != 1 else ''}" if done
         else "nothing to apply: the database is up to date")


@cli.command()
@with_target(writes=True)
@click.option("--to", "to", metavar="ID", help="Roll back every migration after this one (it stays applied).")
@click.option("--steps", type=int, help="Roll back this many of the newest migrations (default 1).")
@click.option("--all", "all_", is_flag=True, help="Roll back every applied migration.")
@click.option("--drop-data", is_flag=True,
              help="Roll back even when that drops tables holding rows (named; the rows are lost).")
@click.option("--lock-timeout", type=float, default=300, show_default=True,
              help="Seconds to wait for another migration run on the same database.")
def rollback(target: Target, to: str | None, steps: int | None, all_: bool, drop_data: bool, lock_timeout: float):
    """Roll back applied migrations, newest first, each in its own transaction.

    A rollback that would drop tables holding rows is refused, naming them with their
    rows, unless --drop-data is given. Group roles that still have members are kept.

    Example: pgpattern rollback --steps 2
    """
    with migrator_for(target, lock_timeout=lock_timeout) as m:
        done = m.rollback(to=to, steps=steps, all_=all_, progress=_progress, on_wait=note,
                          drop_data=drop_data, on_note=note)
    note(f"rolled back {len(done)} migration{'s' if len(done) != 1 else ''}" if done
         else "nothing to roll back")


@cli.command()
@with_target
@format_option
def status(target: Target, fmt: str):
    """List migrations: applied (with when) and pending.

    Example: pgpattern status --format json
    """
    with migrator_for(target) as m:
        states = m.status()
    rows = [(s.id, "applied" if s.applied_at else "pending",
             s.applied_at.strftime("%Y-%m-%d %H:%M:%S UTC") if s.applied_at else None)
            for s in states]
    print_rows(["migration", "state", "applied_at"], rows, fmt, title=f"Migrations on {target.display}",
               status_column="state")


@cli.command()
@with_target
@format_option
def verify(target: Target, fmt: str):
    """Run the integrity checks; exit code 1 when any check fails.

    Example: pgpattern verify
    """
    with migrator_for(target) as m:
        from .checks import run_checks
        rows = run_checks(target.conninfo, m)
    print_rows(["check", "status", "detail"], rows, fmt, title=f"Integrity of {target.display}",
               status_column="status")
    failed = [r[0] for r in rows if r[1] == "fail"]
    if failed:
        note(f"{len(failed)} check{'s' if len(failed) != 1 else ''} failed: {', '.join(failed)}")
        sys.exit(1)


# -- git history ----------------------------------------------------------------------

class BarProgress(Progress):
    """A progress bar on stderr (commits done and total, rate, elapsed); silent when quiet."""

    def __init__(self, quiet: bool, bar: bool):
        self.quiet = quiet
        self.show_bar = bar and not quiet
        self.bar = None

    def start(self, total: int) -> None:
        if not self.show_bar:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar
        self.bar = Bar(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("commits"),
                       TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                       console=Console(file=sys.stderr), transient=False)
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=total, rate="")
        self.started = time.monotonic()

    def advance(self, commits: int) -> None:
        if self.bar:
            done = self.bar.tasks[0].completed + commits
            self.bar.update(self.task, completed=done, rate=rate(done, time.monotonic() - self.started))

    def note(self, message: str) -> None:
        if not self.quiet:
            note(message)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()


@cli.command()
@with_target(writes=True)
@click.argument("path", type=click.Path())
@click.option("--project", help="Project name (default: the repository's directory name).")
@click.option("--ref", default="HEAD", show_default=True, help="The branch, tag or commit whose history to ingest.")
@click.option("--full", is_flag=True, help="Forget the project's ingested history and ingest it again.")
@click.option("--reingest-rewritten", is_flag=True,
              help="When the history was rewritten since the last ingest, ingest it again in full "
                   "instead of failing (the hooks use this).")
@click.option("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Commits per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or notes; errors only.")
def ingest(target: Target, path: str, project: str | None, ref: str, full: bool, reingest_rewritten: bool,
           batch_size: int, quiet: bool):
    """Read a repository's history with git and store what is new.

    Example: pgpattern ingest ~/src/app --project app
    """
    progress = BarProgress(quiet, bar=sys.stderr.isatty())
    try:
        result = ingest_history(target.conninfo, path, project=project, ref=ref, full=full,
                                batch_size=batch_size, progress=progress, reingest_rewritten=reingest_rewritten)
    finally:
        progress.stop()
    if not quiet and result.project_id is not None:
        speed = rate(result.new_commits, result.seconds)
        note(f"project {result.project}: {result.new_commits} new commits, {result.new_changes} file changes "
             f"in {result.seconds:.1f} s{f' ({speed})' if speed else ''}; {result.stored_commits} commits stored"
             + (f"; {result.flagged} commits flagged (see git.commits.flags)" if result.flagged else ""))


# -- pattern discovery -------------------------------------------------------------

discover_options = [
    click.option("--project", help="Project name (default: the only project)."),
    click.option("--algorithms", default=",".join(ALGORITHMS), show_default=True,
                 help="Comma-separated: cooccurrence, temporal, developer, magnitude, insights."),
    click.option("--min-confidence", "confidence_threshold", type=float, default=0.30, show_default=True,
                 help="Least co-occurrence confidence kept."),
    click.option("--min-cooccurrence", type=int, default=3, show_default=True,
                 help="Least number of commits changing a pair."),
    click.option("--max-changeset-size", type=int, default=30, show_default=True,
                 help="Commits changing more files are left out of co-occurrence."),
    click.option("--since", type=click.DateTime(), help="Analyse commits authored at or after this time (UTC)."),
    click.option("--until", type=click.DateTime(), help="Analyse commits authored before this time (UTC)."),
    click.option("--until-sha", help="Analyse only this commit and its ancestors."),
]


def with_discover_options(func):
    for option in reversed(discover_options):
        func = option(func)
    return func


def _discover_options(algorithms: str, **kwargs) -> DiscoverOptions:
    chosen = tuple(a.strip() for a in algorithms.split(",") if a.strip())
    for key in ("since", "until"):
        if kwargs[key] is not None and kwargs[key].tzinfo is None:
            kwargs[key] = kwargs[key].replace(tzinfo=UTC)
    return DiscoverOptions(algorithms=chosen, **kwargs)


def _run_discovery(target: Target, project: str | None, options: DiscoverOptions,
                   lock_timeout: float | None = None) -> dict:
    session = discover(target.conninfo, project, options, on_progress=lambda m: note(f"  {m}"), on_wait=note,
                       lock_timeout=lock_timeout)
    note(f"project {session['project']}: {session['patterns_discovered']} patterns from "
         f"{session['total_commits_analyzed']} commits and {session['total_files_analyzed']} files "
         f"in {session['execution_time_ms'] / 1000:.1f} s (discovery session {session['id']})")
    if session["purged_sessions"]:
        count = session["purged_sessions"]
        note(f"project {session['project']}: removed {count} older discovery session{'s' if count > 1 else ''} "
             f"with {session['purged_rows']} patterns and insights (it keeps its newest "
             f"{session['sessions_kept']}: patterns.discovery_retention)")
    return session


@cli.command("discover")
@with_target(writes=True)
@with_discover_options
@click.option("--lock-timeout", type=float, metavar="SECONDS",
              help="Seconds to wait for another discovery of the project.  [default: no limit]")
def discover_command(target: Target, project: str | None, lock_timeout: float | None, **kwargs):
    """Discover a project's change patterns in the database.

    One discovery per project runs at a time; another waits, saying for whom.

    Then the project's discovery sessions beyond the newest it keeps (patterns.discovery_retention,
    3 by default) are removed with their patterns.

    Example: pgpattern discover --project app --algorithms cooccurrence,magnitude
    """
    _run_discovery(target, project, _discover_options(**kwargs), lock_timeout)


@cli.command("report")
@with_read_target
@click.option("--project", help="Project name (default: the only project).")
@click.option("--limit", type=int, default=10, show_default=True, help="Rows per section (table and json).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html", "svg", "png"]), default="table",
              show_default=True, help="A table, JSON, the HTML page, or one chart (--chart) as SVG or PNG.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write html, svg or png here instead of to standard output.")
@click.option("--chart", type=click.Choice(list(CHARTS)), help="The chart --format svg|png writes.")
@click.option("--max-files", type=click.IntRange(1, 100000), default=Limits.max_files, show_default=True,
              help="Files drawn in the hotspot and knowledge maps (the rest folded per directory).")
@click.option("--max-nodes", type=click.IntRange(2, 2000), default=Limits.max_nodes, show_default=True,
              help="Files in the coupling graph.")
@click.option("--min-strength", type=click.Choice(["weak", "moderate", "strong", "very_strong"]),
              default=Limits.min_strength, show_default=True, help="Weakest coupling in the graph.")
def report_command(target: Target, project: str | None, limit: int, fmt: str, output: str | None,
                   chart: str | None, max_files: int, max_nodes: int, min_strength: str):
    """Print what discovery found: summary, couplings, risk files, developers, peaks, insights.

    Only reads: from --read-dsn or PGPATTERN_READ_DSN (a hot standby), else the embedded
    replica while it runs, else the primary.

    --format html writes one self-contained page of charts and tables (no network needed to
    open it); --format svg or png writes one chart.

    Example: pgpattern report --project app --format html -o report.html
    """
    if chart and fmt not in ("svg", "png"):
        raise PgPatternError("--chart goes with --format svg or png", hint="--format html writes every chart")
    if fmt in ("svg", "png") and not chart:
        raise PgPatternError(f"--format {fmt} writes one chart: say which with --chart",
                             hint="charts: " + ", ".join(CHARTS))
    if output and fmt in ("table", "json"):
        raise PgPatternError(f"-o goes with --format html, svg or png, not {fmt}",
                             hint=f"redirect the output instead: pgpattern report --format {fmt} > FILE")
    if fmt in ("table", "json"):
        _print_report(build_report(target.conninfo, project, limit), fmt)
        return
    data = collect_visual_data(target.conninfo, project, Limits(max_files, max_nodes, min_strength))
    content = render_html(data) if fmt == "html" else render_chart(data, chart, fmt)
    payload = content.encode() if isinstance(content, str) else content
    if output:
        partial = Path(output).with_name(Path(output).name + ".partial")
        partial.write_bytes(payload)
        partial.replace(output)  # a reader never sees half a file
        note(f"wrote {output} ({len(payload):,} bytes)")
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()


def _print_report(report, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"project": report.project, **report.sections}, indent=2, default=_json_default))
        return
    titles = {"summary": "Summary", "couplings": "Strongest couplings (files that change together)",
              "risk_files": "Risk files and hotspots", "developers": "Developers",
              "temporal_peaks": "When commits happen (peaks in the authors' local time)",
              "insights": "Insights, by priority"}
    for section, rows in report.sections.items():
        title = f"{titles[section]}: {report.project}"
        if section == "summary":
            print_rows(["measure", "value"], [(k, v) for k, v in (rows[0] if rows else {}).items()], title=title)
        elif rows:
            print_rows(list(rows[0].keys()), [list(r.values()) for r in rows], title=title)
        else:
            click.echo(f"{title}: none found")


def _json_default(value):
    from decimal import Decimal
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


# -- co-change suggestions -------------------------------------------------------

@cli.command("evaluate")
@with_target
@click.option("--project", help="Project name (default: the only project).")
@click.option("--ranking", "rankings", multiple=True, type=click.Choice(replay.REPLAYED),
              help="A ranking to replay; give it twice to compare two (the first minus the others). "
                   "Default: recent, then confidence. recent+directory (replayed only, not in the api): recent, "
                   "and for a file with no candidate the files of its directory changed last.")
@click.option("--resamples", type=click.IntRange(min=10), default=1000, show_default=True,
              help="Bootstrap resamples of the test commits for the 95% intervals.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or notes.")
@format_option
def evaluate_command(target: Target, project: str | None, rankings: tuple[str, ...], resamples: int, quiet: bool,
                     fmt: str):
    """Replay the history to judge co-change suggestions (spec section 6).

    The first 80% of the commits (by authored time) are history; every file of each later
    commit of 2 to 30 files is asked alone, with that commit's author, against the commits
    before it, and the commit's other files are the answer expected. Prints P@k, R@k, Hit@3,
    MAP@10 and NoSugg per ranking with 95% bootstrap intervals over test commits, and the
    paired difference between rankings.

    Example: pgpattern evaluate --project app --ranking recent --ranking confidence
    """
    rankings = tuple(dict.fromkeys(rankings)) or replay.RANKINGS
    bar = ReplayProgress(quiet or not sys.stderr.isatty())
    try:
        result = replay.evaluate(target.conninfo, project, rankings, resamples, progress=bar.update)
    finally:
        bar.stop()
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(result), indent=2))
        return
    if not quiet:
        note(f"project {result.project}: {result.commits} commits, {result.history_commits} of them history; "
             f"{result.queries} queries from {result.test_commits} test commits in {result.seconds:.1f} s")
    columns = ["metric", *result.rankings, *result.differences]
    rows = [[metric, *(_interval(values[metric]) for values in result.rankings.values()),
             *(_interval(values[metric], signed=True) for values in result.differences.values())]
            for metric in replay.METRICS]
    print_rows(columns, rows, title=f"Suggestions replayed: {result.project} (95% bootstrap intervals)")


@cli.command("suggest", context_settings={"ignore_unknown_options": False})
@click.argument("args", nargs=-1, metavar="[PATH] [FILES]...")
@dsn_option
@click.option("--project", help="Project name (default: the repository's directory name).")
@click.option("--staged", is_flag=True, help="Ask for the files staged in the repository (git diff --cached).")
@click.option("--author", metavar="EMAIL", help="Whose change it is (default: the repository's user.email); "
                                                "their own past changes weigh more.")
@click.option("-k", "k", type=click.IntRange(min=1), default=10, show_default=True, help="How many files to suggest.")
@click.option("--ranking", type=click.Choice(replay.RANKINGS), default="recent", show_default=True)
@click.option("--time-limit", type=click.FloatRange(min=0.1), metavar="SECONDS",
              help="Give up after this long (the pre-commit hook uses 5).")
@click.option("--hook", "from_hook", is_flag=True, hidden=True,
              help="As the pre-commit hook: files not in the commit, on stderr; silent on any failure, exit 0.")
@format_option
def suggest_command(args: tuple[str, ...], dsn: str | None, project: str | None, staged: bool, author: str | None,
                    k: int, ranking: str, time_limit: float | None, from_hook: bool, fmt: str):
    """Suggest the files that usually change together with these (spec section 6).

    PATH is the repository (default: the current directory); FILES are named from its root, as
    git names them. Each suggestion comes with its evidence: how often it changed with the
    file behind it lately, and how often in your own changes.

    Example: pgpattern suggest ~/src/app src/app.py
             pgpattern suggest --staged
    """
    try:
        with _time_limit(time_limit):
            path, files = _repository_and_files(args)
            repo = Repository(path)
            if staged:
                files = [*files, *staged_files(repo)]
            author = author or default_author(repo)
            target = resolve(dsn)
            rows = suggestions(target.conninfo, project or default_project_name(repo), list(dict.fromkeys(files)),
                               author, k, ranking,
                               statement_timeout_ms=int(time_limit * 1000) if time_limit else None)
    except (PgPatternError, psycopg.Error, TimeoutError) as e:
        if from_hook:
            sys.exit(0)
        if isinstance(e, TimeoutError):
            raise PgPatternError(f"no answer within {time_limit:g} s", hint="raise --time-limit") from None
        raise
    if from_hook:
        if rows:
            click.echo("pgpattern: files that often change with these, not in this commit:", err=True)
            for row in rows:
                click.echo(f"  {row['file_path']}: {row['evidence']}", err=True)
        return
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
    elif rows:
        asked = ", ".join(files) if len(files) <= 3 else f"{len(files)} files"
        print_rows(["file", "score", "evidence"], [(r["file_path"], f"{r['score']:.3f}", r["evidence"]) for r in rows],
                   title=f"Files that often change with {asked}")
    else:
        note("no suggestions: these files never changed together with others in the ingested history")


def _repository_and_files(args: tuple[str, ...]) -> tuple[str, list[str]]:
    """[PATH] [FILES]...: the first argument is the repository when it is a directory."""
    if args and Path(args[0]).is_dir():
        return args[0], list(args[1:])
    return ".", list(args)


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Raise TimeoutError in this thread after so many seconds (signals: the main thread only)."""
    if not seconds:
        yield
        return

    def expire(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _interval(value: dict, signed: bool = False) -> str:
    form = "+.3f" if signed else ".3f"
    return f"{value['value']:{form}} [{value['low']:{form}}, {value['high']:{form}}]"


class ReplayProgress:
    """A progress bar of test commits replayed, on stderr; nothing when hidden."""

    def __init__(self, hidden: bool):
        self.hidden, self.bar = hidden, None

    def update(self, done: int, total: int) -> None:
        if self.hidden:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar
            self.bar = Bar(TextColumn("replaying"), BarColumn(), MofNCompleteColumn(), TextColumn("test commits"),
                           TimeElapsedColumn(), console=Console(file=sys.stderr), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("replay", total=total)
        self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar:
            self.bar.stop()


@cli.command("analyze")
@with_target(writes=True)
@click.argument("path", type=click.Path())
@with_discover_options
@click.option("--ref", default="HEAD", show_default=True, help="The branch, tag or commit whose history to ingest.")
@click.option("--limit", type=int, default=10, show_default=True, help="Rows per report section.")
@format_option
def analyze(target: Target, path: str, project: str | None, ref: str, limit: int, fmt: str, **kwargs):
    """Migrate, ingest a repository, discover its patterns and print the report.

    Example: pgpattern analyze ~/src/app
    """
    with migrator_for(target) as m:
        m.migrate(progress=_progress, on_wait=note)
    progress = BarProgress(False, bar=sys.stderr.isatty())
    try:
        result = ingest_history(target.conninfo, path, project=project, ref=ref, progress=progress,
                                reingest_rewritten=True)
    finally:
        progress.stop()
    if result.project_id is None:
        return
    note(f"project {result.project}: {result.new_commits} new commits ingested, {result.stored_commits} stored")
    _run_discovery(target, result.project, _discover_options(**kwargs))
    _print_report(build_report(target.conninfo, result.project, limit), fmt)


@cli.group()
def hook():
    """Git hooks that ingest new commits as they are made."""


@hook.command("install")
@dsn_option
@click.argument("path", type=click.Path())
@click.option("--project", help="Project name (default: the repository's directory name).")
@click.option("--suggest", is_flag=True,
              help="Also a pre-commit hook that prints the files that usually change with the staged ones "
                   "and are not staged; it never blocks a commit.")
def hook_install(dsn: str | None, path: str, project: str | None, suggest: bool):
    """Install post-commit, post-merge and post-rewrite hooks in a repository.

    The hooks run `pgpattern ingest` in the background, so git never waits; a hook that
    was there before still runs first. Its output goes to pgpattern-hook.log in the git
    directory. With --suggest, a pre-commit hook runs `pgpattern suggest --staged` for at
    most 5 seconds and lets the commit go on whatever happens. A --dsn given here is written
    into the hooks in clear text.

    Example: pgpattern hook install ~/src/app --suggest
    """
    for installed in hooks.install(path, project=project, dsn=dsn, suggest=suggest):
        note(f"installed {installed}")


@hook.command("uninstall")
@click.argument("path", type=click.Path())
def hook_uninstall(path: str):
    """Remove pgpattern's hooks and put back the ones that were there before."""
    removed = hooks.uninstall(path)
    note("\n".join(f"removed {r}" for r in removed) if removed else "no pgpattern hook installed")


# -- real-time pattern updates ---------------------------------------------------

@cli.command("worker")
@with_target(writes=True)
@click.option("--poll", type=click.FloatRange(min=0.1), default=10, show_default=True, metavar="SECONDS",
              help="Look for due entries this often even without a notification "
                   "(retries that come due, notifications missed while disconnected).")
@click.option("--once", is_flag=True, help="Process what is due, then exit (for cron jobs and scripts).")
@click.option("--quiet", "-q", is_flag=True, help="No line per batch; problems only.")
def worker(target: Target, poll: float, once: bool, quiet: bool):
    """Apply queued pattern updates as they are enqueued, until SIGTERM or Ctrl-C.

    Listens on pgpattern_pattern_updates and calls patterns.process_pattern_updates()
    until nothing is due; reconnects when the server goes away. Several workers may run.

    Example: pgpattern worker --dsn postgresql:///pgpattern
    """
    Worker(target.conninfo, poll=poll, quiet=quiet).run(once=once)


# -- coding assistants ----------------------------------------------------------

@cli.command("mcp")
@dsn_option
@read_dsn_option
@click.option("--project", help="The project tools use when the assistant names none (default: it must name one).")
@click.option("--allow-writes", is_flag=True,
              help="Also offer the tools that write (pattern_discover), acting as pgpattern_writer "
                   "instead of pgpattern_reader; it then uses the primary.")
def mcp_command(dsn: str | None, read_dsn: str | None, project: str | None, allow_writes: bool):
    """Serve the pattern api to coding assistants: an MCP server on stdin and stdout.

    Tools: list_projects, the pattern_* queries and suggest_cochanges (pattern_discover
    only with --allow-writes); resources: each project's summary and high-risk files.
    An MCP client starts it as a subprocess; see the README for its configuration.
    It only reads unless --allow-writes: from a standby when there is one (--read-dsn,
    PGPATTERN_READ_DSN, the embedded replica while it runs), else the primary.

    Example: pgpattern mcp --project app
    """
    target = resolve(dsn) if allow_writes else read_target(dsn, read_dsn)
    if allow_writes:
        require_primary(target.conninfo, "mcp --allow-writes")
    announce(target)
    from .mcp_server import serve  # the MCP SDK loads only for this command
    serve(target.conninfo, project, allow_writes, on_ready=note)


# -- workflow patterns ---------------------------------------------------------

@cli.command("import-patterns")
@with_target(writes=True)
@click.argument("path", type=click.Path(path_type=Path))
@format_option
def import_patterns_command(target: Target, path: Path, fmt: str):
    """Import agent-workflow patterns from a pattern directory or SQLite file.

    PATH is a directory of YYYY/MM/DD/*.json and *.json.gz files (with index.json and
    *.db files beside them), or a SQLite database with a patterns table. Patterns are
    upserted by pattern_id, so importing again changes nothing; what is skipped is
    listed with the reason.

    Example: pgpattern import-patterns .moai/patterns
    """
    from .workflow_import import import_patterns
    report = import_patterns(target.conninfo, path, progress=note)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    print_rows(["outcome", "patterns"], report.counts.items(), title=f"Imported {path}")
    if report.skipped:
        print_rows(["skipped", "reason"], report.skipped, title="Skipped")


# -- personal data ---------------------------------------------------------------------

@cli.command("forget")
@with_target(writes=True)
@click.argument("email")
@click.option("--project", help="Forget the person in this project only (default: in every project).")
@format_option
def forget_command(target: Target, email: str, project: str | None, fmt: str):
    """Replace a person's identity everywhere with a stable pseudonym (right to be forgotten).

    Their email (any case) and every name they committed under become forgotten-<hex>
    (email forgotten-<hex>@forgotten.invalid) in commits, raw commit objects, the pattern
    state, discoveries, insights, learning, workflow and archived rows, in one transaction.
    Pattern numbers stay the same; a later ingest of the same history maps the person to
    the pseudonym again. WAL, backups and server logs are beyond its reach (docs/privacy.md).

    Example: pgpattern forget ann@example.com --project shop
    """
    result = forget(target.conninfo, email, project)
    where = f"project {project!r}" if project else "every project"
    note(f"forgot {email} in {where}: {result.rows} rows now say {result.pseudonym}")
    print_rows(["table", "rows_changed"], result.changed, fmt, title=f"Pseudonymised as {result.pseudonym}")


@cli.group("project")
def project_group():
    """Manage projects (tenants)."""


@project_group.command("delete")
@with_target(writes=True)
@click.argument("name")
@click.option("--yes", is_flag=True, help="Delete without asking; without it, only say what would be deleted.")
@format_option
def project_delete_command(target: Target, name: str, yes: bool, fmt: str):
    """Delete a project completely: every row of it in every table, then the project.

    Says first what it will remove (rows per table); deletes only with --yes.

    Example: pgpattern project delete shop --yes
    """
    rows = project_rows(target.conninfo, name)
    total = sum(n for _, n in rows)
    if not yes:
        print_rows(["table", "rows"], rows, fmt, title=f"Project {name!r}: what a delete removes")
        raise PgPatternError(f"not deleted: project {name!r} has {total} rows in {len(rows)} tables",
                             hint=f"run pgpattern project delete {shlex.quote(name)} --yes to delete them")
    note(f"deleting project {name!r}: {total} rows in {len(rows)} tables")
    removed = delete_project(target.conninfo, name)
    print_rows(["table", "rows_removed"], removed, fmt, title=f"Deleted project {name!r}")


@cli.command("audit")
@with_target
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
                                              "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S.%f"]),
              help="Only entries logged at or after this time (UTC).")
@click.option("--role", help="Only entries of this login role.")
@click.option("--object", "object_name", metavar="NAME", help="Only entries whose object name contains this, "
              "e.g. learning.ml_models.")
@click.option("--log-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The server log to read (default: the embedded server's, else the server's own).")
@format_option
def audit_command(target: Target, since, role: str | None, object_name: str | None, log_file: Path | None, fmt: str):
    """Read pgaudit's entries for this database back from the server log.

    Reads and writes of the learning and workflow tables and of personal columns, DDL and
    role changes: who (login role), when, the statement class, the object and the statement.

    Example: pgpattern audit --since 2026-12-01 --object learning.llm_interactions
    """
    entries = audit_entries(target, since, role, object_name, log_file)
    columns = ["logged_at", "role", "audit_type", "statement_class", "command", "object_type", "object", "statement"]
    if fmt == "json":
        click.echo(json.dumps([e.as_dict() for e in entries], indent=2))
        return
    print_rows(columns, ([getattr(e, c) for c in columns] for e in entries), title=f"Audit log of {target.display}")


@cli.group("encryption")
def encryption_group():
    """Sensitive fields stored encrypted (pgcrypto) under a key you keep: PGPATTERN_ENCRYPTION_KEY."""


@encryption_group.command("status")
@with_target
@format_option
def encryption_status(target: Target, fmt: str):
    """List the sensitive fields and how many of their values are encrypted.

    Example: pgpattern encryption status
    """
    print_rows(["table", "column", "encrypted", "clear"], sensitive_fields(target.conninfo), fmt,
               title="Sensitive fields")


@encryption_group.command("mark")
@with_target(writes=True)
@click.argument("table")
@click.argument("column")
def encryption_mark(target: Target, table: str, column: str):
    """Mark a text or jsonb column of a learning or workflow table sensitive, encrypting its values.

    Needs PGPATTERN_ENCRYPTION_KEY.

    Example: PGPATTERN_ENCRYPTION_KEY=... pgpattern encryption mark learning.ml_models hyperparameters
    """
    values = mark_sensitive(target.conninfo, table, column)
    note(f"{table}.{column} is sensitive: its {values} values are stored encrypted")


@encryption_group.command("rotate")
@with_target(writes=True)
@click.option("--batch-size", type=int, default=1000, show_default=True,
              help="Values re-encrypted per transaction.")
def encryption_rotate(target: Target, batch_size: int):
    """Re-encrypt every sensitive value from PGPATTERN_ENCRYPTION_KEY to PGPATTERN_NEW_ENCRYPTION_KEY.

    One transaction per batch: interrupted, it goes on where it stopped when run again.

    Example: PGPATTERN_ENCRYPTION_KEY=old PGPATTERN_NEW_ENCRYPTION_KEY=new pgpattern encryption rotate
    """
    total = rotate(target.conninfo, batch_size, on_batch=lambda done, left: note(f"re-encrypted {done}, {left} to go"))
    note(f"rotated: {total} values re-encrypted under the new key")


# -- the embedded database --------------------------------------------------------

@cli.group()
def db():
    """Manage the embedded database (data in PGPATTERN_HOME)."""


@db.command("start")
def db_start():
    """Create (on first use) and start the embedded database."""
    server = LocalServer()
    if not server.pg_cron_available:
        note("warning: pg_cron is not installed: scheduled jobs will not run "
             "(install the Debian package postgresql-15-cron)")
    started = server.start()
    note(f"{'started' if started else 'already running'}: {server.url()}")


@db.command("stop")
def db_stop():
    """Stop the embedded database."""
    server = LocalServer()
    note("stopped" if server.stop() else "not running")


@db.command("status")
@format_option
def db_status(fmt: str):
    """Where the embedded database lives, its port and version, and whether it runs."""
    server = LocalServer()
    info = server.status().as_dict()
    info["state"] = "running" if info.pop("running") else "stopped"
    if fmt == "json":
        print_mapping(info, fmt)
    else:
        print_rows(["setting", "value"], info.items(), title="Embedded database")


@db.command("url")
def db_url():
    """Print the connection URL of the embedded database (starting it if needed)."""
    server = LocalServer()
    server.start()
    click.echo(server.url())


@db.command("psql", context_settings={"ignore_unknown_options": True})
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
def db_psql(psql_args):
    """Open psql on the embedded database; extra arguments go to psql.

    Example: pgpattern db psql -c '\\dn'
    """
    server = LocalServer()
    server.start()
    psql = shutil.which("psql") or str(server.bindir / "psql")
    if not Path(psql).exists():
        raise PgPatternError("psql not found", hint="install the Debian package postgresql-client-15")
    os.execv(psql, [psql, server.conninfo(), *psql_args])


# -- the embedded database's hot standby -------------------------------------------

@db.group("replica")
def db_replica():
    """A hot standby of the embedded database, for reads (data in PGPATTERN_HOME/replica).

    While it runs, report (and every read-only command) reads from it; ingest, discover,
    migrate and the worker keep writing to the primary.
    """


@db_replica.command("create")
def db_replica_create():
    """Copy the embedded database into a hot standby with pg_basebackup -R (it stays stopped).

    Example: pgpattern db replica create && pgpattern db replica start
    """
    replica = LocalReplica(LocalServer())
    created = replica.create()
    note(f"created the standby in {replica.home}" if created else f"the standby exists already in {replica.home}")


@db_replica.command("start")
def db_replica_start():
    """Start the hot standby (and the embedded database, its primary)."""
    replica = LocalReplica(LocalServer())
    started = replica.start()
    note(f"{'started' if started else 'already running'}: {replica.url()}")


@db_replica.command("stop")
def db_replica_stop():
    """Stop the hot standby; reads go to the primary again."""
    note("stopped" if LocalReplica(LocalServer()).stop() else "not running")


@db_replica.command("drop")
def db_replica_drop():
    """Stop and delete the hot standby, and its replication slot on the primary."""
    replica = LocalReplica(LocalServer())
    note(f"dropped {replica.home}" if replica.drop() else "there is no replica")


@db_replica.command("status")
@format_option
def db_replica_status(fmt: str):
    """Where the standby lives, whether it runs, and its replay lag (bytes and seconds).

    Example: pgpattern db replica status --format json
    """
    replica = LocalReplica(LocalServer())
    info = replica.status().as_dict()
    running = info.pop("running")
    info["state"] = "running" if running else ("stopped" if replica.is_initialized() else "not created")
    info["url"] = replica.url() if replica.port else None
    info["primary"] = replica.primary.url()
    lag = replica.lag() if running else None
    info["replay_lsn"] = lag.replay_lsn if lag else None
    info["replay_lag_bytes"] = lag.bytes if lag else None
    info["replay_lag_seconds"] = round(lag.seconds, 3) if lag and lag.seconds is not None else None
    info["last_replayed_commit"] = str(lag.last_replayed_commit) if lag and lag.last_replayed_commit else None
    if fmt == "json":
        print_mapping(info, fmt)
    else:
        print_rows(["setting", "value"], info.items(), title="Embedded hot standby")


def main() -> None:
    cli(prog_name="pgpattern")


if __name__ == "__main__":
    main()
