#!/usr/bin/env python3
"""The size of the generated code beside the coroutines it comes from, in code lines.

Usage (from the repository root, after `mvn -B -q -pl annotations,processor,sample package`):
  python3 benchmarks/code-size.py                      # the sample
  python3 benchmarks/code-size.py SRC_DIR GENERATED_DIR

A code line is a line with code once comments are removed: blank lines, comment lines and the
`package` and `import` lines are not counted. The source side counts each `@Coroutine` method,
from its annotation to its closing brace; the generated side counts every `*Coroutines.java` file
the processor wrote (factories, state machines, everything).
"""
import pathlib
import re
import sys


def code_lines(text):
    """The lines of `text` with comments removed (strings, chars and text blocks kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('//', i):
            while i < n and text[i] != '\n':
                i += 1
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append('\n' * text.count('\n', i, end))
            i = end
        elif text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            out.append(text[i:end])
            i = end
        elif text[i] in '"\'':
            quote, j = text[i], i + 1
            while j < n and text[j] != quote:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return ''.join(out).split('\n')


def counted(lines):
    return [line for line in lines
            if line.strip() and not re.match(r'\s*(package|import)\s', line)]


def coroutine_lines(lines):
    """The code lines of each @Coroutine method: its annotation to its closing brace."""
    methods, i = [], 0
    while i < len(lines):
        if re.match(r'\s*@Coroutine\b', lines[i]):
            start, depth, seen = i, 0, False
            while i < len(lines):
                # Braces in strings do not count: blank out literals first.
                bare = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', '""', lines[i])
                depth += bare.count('{') - bare.count('}')
                seen = seen or '{' in bare
                i += 1
                if seen and depth == 0:
                    break
            methods.append(counted(lines[start:i]))
        else:
            i += 1
    return methods


def main(args):
    src = pathlib.Path(args[0] if args else 'sample/src/main/java')
    gen = pathlib.Path(args[1] if len(args) > 1 else 'sample/target/generated-sources/annotations')
    source = generated = coroutines = 0
    for path in sorted(src.rglob('*.java')):
        for method in coroutine_lines(code_lines(path.read_text())):
            coroutines += 1
            source += len(method)
    files = sorted(gen.rglob('*Coroutines.java'))
    for path in files:
        generated += len(counted(code_lines(path.read_text())))
    if not coroutines or not files:
        sys.exit(f'no coroutines in {src} or no generated files in {gen}: build first')
    print(f'{coroutines} coroutines: {source} code lines; generated ({len(files)} files): '
          f'{generated} code lines, {generated / source:.2f}x')


if __name__ == '__main__':
    main(sys.argv[1:])
