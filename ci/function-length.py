#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The length of every function in C, Python and shell files.

    ci/function-length.py [--max N] [--all] FILE...

A function's length is its lines from the line of its name (for C, and for
Check's START_TEST(name)) or its `def` (Python) or its `name()` (shell) to
its last line (the closing brace; Python: its last statement), less the
lines that hold only a comment (Python: and its docstring's lines). Blank
lines count. The language is the file's extension (.c, .h, .py, .sh) or its
shebang (python, sh, bash, dash).

Prints FILE:LINE: NAME: N lines, for every function longer than N (default
80), or for every function with --all, and exits 1 if any is longer than
N. A file it cannot read as its language (C or shell braces that do not
balance, a Python syntax error) is an error: exit 2, so that no function
goes unmeasured.

Written in Python, not on top of ctags: python3 is already a dependency
of the project and universal-ctags is not; ctags (5.9, bookworm) gives no
end line for a shell function, names every Check test START_TEST, and
counts comments, which would have to be read again here anyway. Measured
against it: the first and last lines of all 671 C and Python functions of
the tree agree with ctags' line and end (when this was written), and those of
the 241 shell functions with the line of their closing brace at their
indentation."""
import ast
import io
import re
import sys
import tokenize

C_IDENT = re.compile(r'[A-Za-z_]\w*$')
# What may follow a function's parameters: an attribute, sparse's lock
# annotations.
C_ANNOTATIONS = {'__attribute__', '__acquires', '__releases', '__must_hold'}


class ParseError(Exception):
    pass


# ---------------------------------------------------------------- C
def c_blank(src):
    """The text with comments, string and character literals and
    preprocessor lines (with their continuations) turned into spaces, line
    breaks kept; and the set of line numbers (1-based) that held only a
    comment."""
    out = []
    comment_only = set()
    i, n, line = 0, len(src), 1
    line_code = False  # the current line has code outside comments
    line_comment = False
    at_line_start = True
    while i < n:
        ch = src[i]
        if ch == '\n':
            if line_comment and not line_code:
                comment_only.add(line)
            out.append('\n')
            line += 1
            line_code = line_comment = False
            at_line_start = True
            i += 1
            continue
        if at_line_start and ch == '#':
            # A preprocessor line, with its backslash continuations: its
            # braces (a macro's body) are not the code's.
            while i < n and not (src[i] == '\n' and src[i - 1] != '\\'):
                out.append('\n' if src[i] == '\n' else ' ')
                if src[i] == '\n':
                    line += 1
                i += 1
            line_code = True
            continue
        if not ch.isspace():
            at_line_start = False
        if src.startswith('/*', i):
            end = src.find('*/', i + 2)
            if end < 0:
                raise ParseError('line %d: unterminated comment' % line)
            for c in src[i:end + 2]:
                if c == '\n':
                    if not line_code:
                        comment_only.add(line)
                    out.append('\n')
                    line += 1
                    line_code = False
                    at_line_start = True
                else:
                    out.append(' ')
            line_comment = True
            i = end + 2
            continue
        if src.startswith('//', i):
            end = src.find('\n', i)
            end = n if end < 0 else end
            out.append(' ' * (end - i))
            line_comment = True
            i = end
            continue
        if ch in '"\'':
            j = i + 1
            while j < n and src[j] != ch:
                if src[j] == '\n':
                    raise ParseError('line %d: unterminated literal' % line)
                j += 2 if src[j] == '\\' else 1
            out.append(ch + ' ' * (j - i - 1) + ch)
            line_code = True
            i = j + 1
            continue
        if not ch.isspace():
            line_code = True
        out.append(ch)
        i += 1
    if line_comment and not line_code:
        comment_only.add(line)
    return ''.join(out), comment_only


def c_back(code, j):
    """The last offset at or before j that is not white space, or -1."""
    while j >= 0 and code[j].isspace():
        j -= 1
    return j


def c_function_name(code, brace):
    """(name, offset of the name) of the function whose body opens at
    code[brace], or None when that brace opens no function (an initializer,
    a struct). Check's START_TEST(name) is the function START_TEST(name)."""
    j = brace
    while True:
        close = c_back(code, j - 1)
        if close < 0 or code[close] != ')':
            return None
        depth, opening = 0, close
        while opening >= 0:
            depth += {')': 1, '(': -1}.get(code[opening], 0)
            if depth == 0:
                break
            opening -= 1
        end = c_back(code, opening - 1) + 1
        start = end
        while start > 0 and (code[start - 1].isalnum() or code[start - 1] == '_'):
            start -= 1
        name = code[start:end]
        if name == 'START_TEST':
            return 'START_TEST(%s)' % code[opening + 1:close].strip(), start
        if opening < 0 or not C_IDENT.match(name):
            return None
        if name not in C_ANNOTATIONS:
            return name, start
        j = start  # an annotation after the parameters: the name is before


def c_functions(src):
    code, comment_only = c_blank(src)
    starts = []  # offsets of open braces
    funcs = []
    for i, ch in enumerate(code):
        if ch == '{':
            starts.append(i)
        elif ch == '}':
            if not starts:
                raise ParseError('line %d: "}" without "{"' % (code.count('\n', 0, i) + 1))
            open_at = starts.pop()
            if starts:
                continue
            found = c_function_name(code, open_at)
            if not found:
                continue
            name, at = found
            first = code.count('\n', 0, at) + 1
            last = code.count('\n', 0, i) + 1
            funcs.append((name, first, last))
    if starts:
        raise ParseError('line %d: "{" never closed' % (code.count('\n', 0, starts[-1]) + 1))
    return [(name, first, last - first + 1 - sum(1 for ln in comment_only if first <= ln <= last))
            for name, first, last in funcs]


# ---------------------------------------------------------------- Python
def py_comment_only(src):
    """The lines (1-based) that hold a comment and no code."""
    comments, code = set(), set()
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
            tokenize.DEDENT, tokenize.ENDMARKER}
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            comments.add(tok.start[0])
        elif tok.type not in skip:
            code.update(range(tok.start[0], tok.end[0] + 1))
    return comments - code


def py_functions(src):
    try:
        tree = ast.parse(src)
        comment_only = py_comment_only(src)
    except (SyntaxError, tokenize.TokenError) as e:
        raise ParseError(str(e))
    funcs = []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            name = prefix
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name + ('.' if isinstance(child, ast.ClassDef) else '/')
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first, last = child.lineno, child.end_lineno
                aside = {ln for ln in comment_only if first <= ln <= last}
                doc = child.body[0]
                if (isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                        and isinstance(doc.value.value, str)):
                    aside.update(range(doc.lineno, doc.end_lineno + 1))
                funcs.append((name[:-1], first, last - first + 1 - len(aside)))
            walk(child, name)

    walk(tree, '')
    return funcs


# ---------------------------------------------------------------- shell
SH_OPERATORS = ';&|()<>'
SH_NAME = re.compile(r'[A-Za-z_][\w:.-]*$')
SH_HEREDOC = re.compile(r'<<(-?)\s*(\'([^\']*)\'|"([^"]*)"|\\?([^\s;&|()<>]+))')


def sh_quoted(text, i, stack):
    """In an open quote (stack[-1]): the text from i made '_', up to and
    with its next character or escape; a $( in double quotes opens code.
    Returns (that text, the next offset)."""
    top, ch = stack[-1], text[i]
    if ch == '\\' and top in ('"', "$'"):
        return '__', i + 2
    if top == '"' and text.startswith('$(', i):
        stack.append(['$(', 0])
        return '$(', i + 2
    if ch == top[-1]:
        stack.pop()
    return '_', i + 1


def sh_nest(top, ch, opening, closing):
    """Counts ch into an open $( or ${ (top): False once it closes it."""
    if ch == closing and top[1] == 0:
        return False
    top[1] += {opening: 1, closing: -1}.get(ch, 0)
    return True


def sh_code(text, i, stack, pending):
    """Outside quotes, from text[i]: (the code, the next offset), or None
    for a comment to the line's end. The text of a ${ } is made '_': its
    braces and words are not the code's; a $( ) in it is code to scan (its
    quotes, its parentheses), whose braces are not the function's either."""
    top, ch = (stack[-1] if stack else None), text[i]
    in_param = any(isinstance(e, list) and e[0] == '${' for e in stack)
    if ch == '\\':
        return ('__' if in_param else text[i:i + 2]), i + 2
    if text.startswith('$(', i):
        stack.append(['$(', 0])
        return ('__' if in_param else '$('), i + 2
    for opening in ('${', "$'", "'", '"'):
        if text.startswith(opening, i):
            stack.append(['${', 0] if opening == '${' else opening)
            return '_' * len(opening), i + len(opening)
    if not in_param and ch == '#' and (i == 0 or text[i - 1].isspace() or text[i - 1] in SH_OPERATORS):
        return None
    if text.startswith('<<<', i):  # a here-string
        return '<<<', i + 3
    m = SH_HEREDOC.match(text, i)
    if m and text.count('((', 0, i) <= text.count('))', 0, i):  # not $(( a << b ))
        pending.append((next(g for g in m.group(3, 4, 5) if g is not None), m.group(1) == '-'))
        return m.group(0), m.end()
    if isinstance(top, list):
        opening = top[0][1]
        if not sh_nest(top, ch, opening, '}' if opening == '{' else ')'):
            stack.pop()
    return ('_' if in_param else ch), i + 1


def sh_scan_line(text, stack, pending):
    """One line of shell: (its code, with quoted text made '_' and a
    comment made spaces; whether it held code; whether a comment). stack
    holds what is open across lines: quotes, a ${ }, a $( ); pending gets
    the here-documents the line opens."""
    out, i = [], 0
    while i < len(text):
        if stack and not isinstance(stack[-1], list):
            piece, i = sh_quoted(text, i, stack)
        else:
            step = sh_code(text, i, stack, pending)
            if step is None:
                code = ''.join(out)
                return code + ' ' * (len(text) - i), bool(code.strip()), True
            piece, i = step
        out.append(piece)
    code = ''.join(out)
    return code, bool(code.strip()), False


def sh_blank(src):
    """The code of every line (sh_scan_line()); here-documents' lines made
    '_'; and the set of line numbers that held only a comment."""
    lines, comment_only = [], set()
    stack, pending, heredocs = [], [], []
    for ln, text in enumerate(src.split('\n'), 1):
        if heredocs:
            delim, strip = heredocs[0]
            if (text.lstrip('\t') if strip else text) == delim:
                heredocs.pop(0)
            lines.append('_')
            continue
        in_string = bool(stack)
        code_text, code, comment = sh_scan_line(text, stack, pending)
        if comment and not code and not in_string:
            comment_only.add(ln)
        lines.append(code_text)
        heredocs, pending = pending, []
    if stack or heredocs:
        raise ParseError('a quote or here-document never closed')
    return lines, comment_only


def sh_functions(src):
    lines, comment_only = sh_blank(src)
    tokens = []  # (line, word)
    for ln, text in enumerate(lines, 1):
        tokens.append((ln, '\n'))
        tokens += [(ln, w) for w in re.findall(r'[^\s;&|()<>]+|[;&|()<>]', text)]
    opened, funcs = [], []
    command_start = {'\n', ';', '&', '|', '(', ')', '{', '}', 'then', 'do', 'else', '!'}
    prev = '\n'
    for k, (ln, word) in enumerate(tokens):
        if word == '{' and prev in command_start:
            words = [w for _, w in tokens[max(0, k - 5):k] if w != '\n']
            head = None
            if words[-3:-2] and words[-2:] == ['(', ')'] and SH_NAME.match(words[-3]):
                head = words[-3]
            elif len(words) >= 2 and words[-2] == 'function' and SH_NAME.match(words[-1]):
                head = words[-1]
            if head:
                at = next(t_ln for t_ln, w in reversed(tokens[:k]) if w == head)
                opened.append((head, at))
            else:
                opened.append(None)
        elif word == '}' and prev in command_start:
            if not opened:
                raise ParseError('line %d: "}" without "{"' % ln)
            func = opened.pop()
            if func:
                name, first = func
                aside = sum(1 for c in comment_only if first <= c <= ln)
                funcs.append((name, first, ln - first + 1 - aside))
        prev = word
    if opened:
        raise ParseError('a "{" never closed')
    return funcs


# ---------------------------------------------------------------- main
def language(path, head):
    for ext, lang in (('.c', 'c'), ('.h', 'c'), ('.py', 'python'), ('.sh', 'shell')):
        if path.endswith(ext):
            return lang
    first = head.split('\n', 1)[0]
    if first.startswith('#!'):
        if 'python' in first:
            return 'python'
        if re.search(r'\b(sh|bash|dash)\b', first):
            return 'shell'
    return None


def main(argv):
    limit, show_all, paths = 80, False, []
    args = iter(argv)
    for a in args:
        if a == '--max':
            limit = int(next(args, '0'))
        elif a == '--all':
            show_all = True
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            paths.append(a)
    if limit <= 0 or not paths:
        print('usage: ci/function-length.py [--max N] [--all] FILE...', file=sys.stderr)
        return 2
    measure = {'c': c_functions, 'python': py_functions, 'shell': sh_functions}
    over = errors = 0
    for path in paths:
        with open(path, encoding='utf-8', errors='replace') as f:
            src = f.read()
        lang = language(path, src)
        try:
            if not lang:
                raise ParseError('neither C, Python nor shell')
            funcs = measure[lang](src)
        except ParseError as e:
            print('%s: cannot measure: %s' % (path, e), file=sys.stderr)
            errors += 1
            continue
        for name, line, length in funcs:
            if show_all or length > limit:
                print('%s:%d: %s: %d lines' % (path, line, name, length))
            over += length > limit
    if errors:
        return 2
    return 1 if over else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
