"""The commonest expression refusals in the Korean editor (issue 14, item 5): typed into
the real New-from-expression dialog, its error line is Korean, while ``str`` of the
error (what ``chainwire eval`` prints) keeps the English words."""

from __future__ import annotations

import pytest

from chainwire.editor.expr_dialog import ExpressionDialog
from chainwire.graph.errors import ExpressionError
from chainwire.graph.expr import parse

from .test_i18n import english_words, korean  # noqa: F401 (the fixture)

CASES = {  # typed: (the Korean error line, the English message)
    "(a + b": ("1번째 글자: 문법 오류: 여는 괄호 '('을(를) 닫지 않았습니다",
               "column 1: syntax error: '(' was never closed"),
    "a + b)": ("6번째 글자: 문법 오류: ')'과(와) 짝이 맞는 여는 괄호가 없습니다",
               "column 6: syntax error: unmatched ')'"),
    "a b": ("3번째 글자: 문법 오류: 문법에 맞지 않습니다",
            "column 3: syntax error: invalid syntax"),
    "max(a b)": ("5번째 글자: 문법 오류: 문법에 맞지 않습니다. 쉼표를 빠뜨리지 않았나요?",
                 "column 5: syntax error: invalid syntax. Perhaps you forgot a comma?"),
    "2x + 1": ("1번째 글자: 문법 오류: 숫자를 잘못 썼습니다 (올바른 십진수가 아닙니다)",
               "column 1: syntax error: invalid decimal literal"),
    "max(a)": ("1번째 글자: max에는 인수가 2개 이상 필요합니다 (지금 1개)",
               "column 1: max needs at least 2 arguments, not 1"),
    "exp(a, b)": ("8번째 글자: exp에는 인수를 1개까지만 줄 수 있습니다 (지금 2개)",
                  "column 8: exp takes at most 1 argument, not 2"),
    "exp()": ("1번째 글자: exp에는 인수가 1개 필요합니다 (지금 0개)",
              "column 1: exp needs 1 argument, not 0"),
    "foo(x)": ("1번째 글자: 알 수 없는 함수 'foo' (쓸 수 있는 것: ",
               "column 1: unknown function 'foo' (allowed: "),
    "not a": ("1번째 글자: 'not'은(는) 쓸 수 없습니다", "column 1: 'not' is not allowed"),
    "a < b": ("3번째 글자: 수식에 쓸 수 없는 문법입니다: 비교",
              "column 3: a comparison is not allowed"),
    "A @ 2": ("5번째 글자: '@'는 벡터와 행렬을 곱하는 연산자이며 수 2에는 쓸 수 없습니다 "
              "(상수배는 *로 쓰세요)",
              "column 5: '@' multiplies vectors and matrices, not the number 2"),
    "X.T()": ("4번째 글자: '.T'는 함수가 아닙니다. '()' 없이 X.T로 쓰세요",
              "column 4: '.T' is not a function: write X.T without '()'"),
    "X.shape": ("2번째 글자: 속성 접근('.shape')은 쓸 수 없습니다. "
                "쓸 수 있는 것은 전치 .T 하나뿐입니다",
                "column 2: attribute access is not allowed ('.shape')"),
    "abs(x)": ("1번째 글자: 알 수 없는 함수 'abs' (쓸 수 있는 것: max, sigmoid, exp, tanh, "
               "relu, sum). 대신 max(x, -x)처럼 쓰세요",
               "column 1: unknown function 'abs' (allowed: max, sigmoid, exp, tanh, relu, "
               "sum); write max(x, -x)"),
    "sum + 1": ("1번째 글자: 'sum'은(는) 변수가 아니라 함수입니다: sum(x)처럼 호출하세요",
                "column 1: 'sum' is a function, not a variable: call it, e.g. sum(x)"),
    "add * 2": ("1번째 글자: 'add'은(는) 게이트 이름이므로 변수 이름으로 쓸 수 없습니다",
                "column 1: 'add' is a gate name and cannot be a variable name"),
    "ﬁ + fi": ("5번째 글자: 'fi'와(과) 'ﬁ'은(는) 서로 다른 이름이지만 Python은 둘 다 'fi'(으)로 "
               "읽습니다. 똑같이 쓰거나 다른 이름을 고르세요",
               "column 5: 'fi' and 'ﬁ' are different names that Python reads as one ('fi')"),
    "a, b": ("2번째 글자: 수식에 쓸 수 없는 문법입니다: 튜플(쉼표)",
             "column 2: a tuple (a comma) is not allowed"),
    # Python's rarer syntax messages, and constants that are no numbers
    "'abc": ("1번째 글자: 문법 오류: 문자열이 닫히지 않았습니다 (1행)",
             "column 1: syntax error: unterminated string literal (detected at line 1)"),
    "0x": ("2번째 글자: 문법 오류: 16진수를 잘못 썼습니다",
           "column 2: syntax error: invalid hexadecimal literal"),
    "09": ("1번째 글자: 문법 오류: 십진 정수는 0으로 시작할 수 없습니다 (8진수는 0o를 붙여 쓰세요)",
           "column 1: syntax error: leading zeros in decimal integer literals are not "
           "permitted"),
    "a if b": ("1번째 글자: 문법 오류: 'if' 식에는 'else'가 있어야 합니다",
               "column 1: syntax error: expected 'else' after 'if' expression"),
    "f(a=1, b)": ("9번째 글자: 문법 오류: 키워드 인수 뒤에 위치 인수가 올 수 없습니다",
                  "column 9: syntax error: positional argument follows keyword argument"),
    "None + 1": ("1번째 글자: None은(는) 숫자가 아닙니다", "column 1: None is not a number"),
}


@pytest.mark.usefixtures("korean")
@pytest.mark.parametrize("typed", sorted(CASES))
def test_a_refused_expression_is_explained_in_korean(qtbot, typed):
    korean_line, english = CASES[typed]
    dialog = ExpressionDialog(None, None, "")
    qtbot.addWidget(dialog)
    if typed.isascii():
        qtbot.keyClicks(dialog.edit, typed)
    else:  # pasted: QTest cannot type a ligature
        dialog.edit.setText(typed)
    shown = dialog.error.text().splitlines()
    assert shown[:2] == [typed, " " * (int(english.split()[1].rstrip(":")) - 1) + "^"]
    assert shown[2].startswith(korean_line)
    if typed != "foo(x)":  # that one lists the functions, by name
        assert set(english_words(shown[2])) <= {"max", "exp", "not", "shape", "sigmoid",
                                                  "tanh", "relu", "sum", "add", "abs",
                                                  "fi", "python", "if", "else", "None"}, shown
    with pytest.raises(ExpressionError) as caught:
        parse(typed)
    assert str(caught.value).startswith(english)  # the command line's words
