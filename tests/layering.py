#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Proves the layering of src/: protobuf-c and io stay inside io.

1. No public header includes a generated *.pb-c.h: only io's own
   *-private.h headers may.
2. With the very flags meson compiles a widget, a CLI and each page's
   source with (read from compile_commands.json), a one-line file that
   includes an io header
   fails to compile, while one that includes a model header compiles (so
   that the failure is the missing header, not broken flags).
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

source_root, build_root = sys.argv[1], sys.argv[2]
failures = []

for folder, _, files in os.walk(os.path.join(source_root, 'src')):
    for name in files:
        path = os.path.join(folder, name)
        if not name.endswith('.h'):
            continue
        rel = os.path.relpath(path, source_root)
        private = rel.startswith('src/io/') and name.endswith('-private.h')
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#include') and 'pb-c.h' in line and not private:
                    failures.append('%s includes a protobuf-c header: %s' % (rel, line.strip()))

with open(os.path.join(build_root, 'compile_commands.json'), encoding='utf-8') as f:
    commands = json.load(f)


def flags_for(layer):
    for entry in commands:
        if os.path.normpath(entry['file']).find(os.sep + layer + os.sep) >= 0 or \
           entry['file'].startswith('../' + layer + '/'):
            args = shlex.split(entry['command'])
            kept, skip = [args[0]], False
            for arg in args[1:]:
                if skip:
                    skip = False
                    continue
                if arg in ('-o', '-MQ', '-MF', '-c'):
                    skip = True
                    continue
                if arg in ('-MD', '-MMD') or arg == entry['file']:
                    continue
                kept.append(arg)
            return entry['directory'], kept
    failures.append('no compile command for %s in compile_commands.json' % layer)
    return None, None


def compiles(directory, flags, header):
    with tempfile.NamedTemporaryFile('w', suffix='.c', delete=False) as f:
        f.write('#include "%s"\n' % header)
        name = f.name
    try:
        result = subprocess.run(flags + ['-fsyntax-only', name], cwd=directory,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return result.returncode == 0
    finally:
        os.unlink(name)


# Every io header but the plain types of io/shared, and the generated ones.
io_dir = os.path.join(source_root, 'src', 'io')
io_headers = sorted(name for name in os.listdir(io_dir) if name.endswith('.h'))
io_headers += ['event.pb-c.h', 'graph.pb-c.h', 'hparams.pb-c.h', 'tensor_bundle.pb-c.h', 'layout.pb-c.h']
model_headers = ['cvg-series.h', 'cvg-run.h', 'cvg-problem.h']
pages_dir = os.path.join(source_root, 'src', 'pages')
pages = sorted('src/pages/' + name for name in os.listdir(pages_dir)
               if os.path.isdir(os.path.join(pages_dir, name)))

for layer in ['src/widgets', 'src/cli'] + pages:
    directory, flags = flags_for(layer)
    if flags is None:
        continue
    for header in model_headers:
        if not compiles(directory, flags, header):
            failures.append('%s cannot include the model header %s' % (layer, header))
    for header in io_headers:
        if compiles(directory, flags, header):
            failures.append('%s can include the io header %s' % (layer, header))

for failure in failures:
    print(failure)
print('layering: %d problem(s)' % len(failures))
sys.exit(1 if failures else 0)
