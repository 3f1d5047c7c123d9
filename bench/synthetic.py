"""A synthetic git history with realistic structure, written with `git fast-import`.

Files live in modules (directories) whose files tend to change together; authors own
modules but stray; commit sizes are mostly small with a long tail; a few files are
renamed or deleted; authors sit in several time zones. Deterministic for a seed.

    python bench/synthetic.py DIR --commits 10000 --files 2000 --authors 50
"""

from __future__ import annotations

import argparse
import random
import subprocess
from pathlib import Path

START = 1_600_000_000  # 2020-09-13
OFFSETS = ["+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900", "-0300", "+1000", "-1200", "+1400"]


def generate(target: Path, commits: int, files: int, authors: int, seed: int = 1, days: int = 3 * 365) -> Path:
    rng = random.Random(seed)
    mean_gap = days * 86400 / commits / 2  # the working-hours shift below roughly doubles it
    modules = max(4, files // 25)
    paths = [f"src/mod{i % modules:03d}/file{i:05d}.{rng.choice(['py', 'c', 'h', 'js', 'md', 'json'])}"
             for i in range(files)]
    by_module: dict[int, list[int]] = {}
    for i in range(files):
        by_module.setdefault(i % modules, []).append(i)
    people = [(f"Dev {i:02d}", f"dev{i:02d}@example.com", OFFSETS[i % len(OFFSETS)]) for i in range(authors)]
    home = {a: rng.sample(range(modules), k=min(3, modules)) for a in range(authors)}
    content: dict[int, list[str]] = {}
    alive: set[int] = set()
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(target)], check=True)
    proc = subprocess.Popen(["git", "-C", str(target), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = proc.stdin
    when = START
    for n in range(1, commits + 1):
        author = rng.randrange(authors) if rng.random() < 0.3 else min(int(rng.paretovariate(1.2)) - 1, authors - 1)
        name, email, offset = people[author]
        module = rng.choice(home[author]) if rng.random() < 0.8 else rng.randrange(modules)
        size = min(int(rng.paretovariate(1.3)) + rng.randint(0, 3), 40)
        members = by_module[module]
        core = members[: max(2, len(members) // 4)]  # the module's tightly coupled files
        touched = set(rng.sample(core, k=min(len(core), max(1, size // 2))))
        while len(touched) < size:
            touched.add(rng.choice(members) if rng.random() < 0.7 else rng.randrange(files))
        when += int(rng.expovariate(1 / mean_gap)) + 1
        # Most work happens between 09:00 and 19:00 in the author's own time zone.
        local_hour = (when + int(offset[:3]) * 3600) // 3600 % 24
        if not 9 <= local_hour < 19 and rng.random() < 0.7:
            when += ((9 - local_hour) % 24) * 3600 + rng.randint(0, 3599)
        lines = [f"commit refs/heads/main\nmark :{n}\n",
                 f"author {name} <{email}> {when} {offset}\n",
                 f"committer {name} <{email}> {when} {offset}\n"]
        message = f"{rng.choice(['feat', 'fix', 'docs', 'refactor', 'chore', 'test'])}: change {n} in mod{module:03d}\n"
        lines.append(f"data {len(message.encode())}\n{message}")
        if n > 1:
            lines.append(f"from :{n - 1}\n")
        for f in sorted(touched):
            if f in alive and rng.random() < 0.003:
                lines.append(f"D {paths[f]}\n")
                alive.discard(f)
                continue
            if f in alive and rng.random() < 0.002:
                new_path = paths[f].replace("/file", "/renamed")
                if new_path != paths[f] and new_path not in paths:
                    lines.append(f"R {paths[f]} {new_path}\n")
                    paths[f] = new_path
                    continue
            body = content.setdefault(f, [])
            if body and rng.random() < 0.5:
                del body[rng.randrange(len(body))]
            if len(body) > 300:  # keep files (and the repository) from growing without bound
                start = rng.randrange(len(body) - 100)
                del body[start:start + 100]
            body.extend(f"line {n} {k}" for k in range(rng.randint(1, 30)))
            data = ("\n".join(body) + "\n").encode()
            lines.append(f"M 100644 inline {paths[f]}\ndata {len(data)}\n")
            out.write("".join(lines).encode() + data + b"\n")
            lines = []
            alive.add(f)
        out.write("".join(lines).encode() + b"\n")
    out.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=2_000)
    parser.add_argument("--authors", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.target, args.commits, args.files, args.authors, args.seed)
