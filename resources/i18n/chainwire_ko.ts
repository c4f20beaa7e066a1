<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>fine</source>
        <translation>양호</translation>
    </message>
    <message>
        <source>look closer</source>
        <translation>자세히 확인</translation>
    </message>
    <message>
        <source>kink</source>
        <translation>꺾임점</translation>
    </message>
    <message>
        <source>suspect</source>
        <translation>의심</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>틀림</translation>
    </message>
    <message>
        <source>not finite</source>
        <translation>유한하지 않음</translation>
    </message>
    <message>
        <source>analytic {0}, numeric {1}, relative error {2}</source>
        <translation>해석적 {0}, 수치적 {1}, 상대 오차 {2}</translation>
    </message>
    <message>
        <source>Add {0}</source>
        <translation>{0} 추가</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>노드 삭제</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Delete wire</source>
        <translation>연결선 삭제</translation>
    </message>
    <message>
        <source>Set output</source>
        <translation>출력 지정</translation>
    </message>
    <message>
        <source>Clear output</source>
        <translation>출력 지정 해제</translation>
    </message>
    <message>
        <source>Set value of {0}</source>
        <translation>{0}의 값 설정</translation>
    </message>
    <message>
        <source>Set param of {0}</source>
        <translation>{0}의 상수 설정</translation>
    </message>
    <message>
        <source>Set label of {0}</source>
        <translation>{0}의 이름표 설정</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>주석 추가</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>주석 삭제</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>주석 편집</translation>
    </message>
    <message>
        <source>%n node(s)</source>
        <translation>노드 %n개</translation>
    </message>
    <message>
        <source>%n wire(s)</source>
        <translation>연결선 %n개</translation>
    </message>
    <message>
        <source>%n annotation(s)</source>
        <translation>주석 %n개</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 및 </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Resize annotations</source>
        <translation>주석 크기 변경</translation>
    </message>
    <message>
        <source>Move wire</source>
        <translation>연결선 옮기기</translation>
    </message>
    <message>
        <source>Replace wire</source>
        <translation>연결선 바꾸기</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>As an expression: {0}</source>
        <translation>수식으로: {0}</translation>
    </message>
    <message>
        <source>Insert expression &apos;{0}&apos;</source>
        <translation>수식 &apos;{0}&apos; 삽입</translation>
    </message>
    <message>
        <source>%n input(s)</source>
        <translation>입력 %n개</translation>
    </message>
    <message>
        <source>%n gate(s)</source>
        <translation>게이트 %n개</translation>
    </message>
    <message>
        <source>Wired to the existing inputs: {0}</source>
        <translation>기존 입력에 연결: {0}</translation>
    </message>
    <message>
        <source>New inputs: {0}</source>
        <translation>새 입력: {0}</translation>
    </message>
    <message>
        <source>New from &amp;Expression…</source>
        <translation>수식으로 새로 만들기(&amp;E)…</translation>
    </message>
    <message>
        <source>Type a formula; get its circuit</source>
        <translation>수식을 입력하면 그 회로를 만듭니다</translation>
    </message>
    <message>
        <source>Insert E&amp;xpression…</source>
        <translation>수식 삽입(&amp;X)…</translation>
    </message>
    <message>
        <source>Add a formula&apos;s circuit to this one</source>
        <translation>수식의 회로를 이 회로에 추가합니다</translation>
    </message>
    <message>
        <source>&amp;Check Gradients</source>
        <translation>기울기 검사(&amp;C)</translation>
    </message>
    <message>
        <source>Compare every input&apos;s gradient with a centred finite difference</source>
        <translation>모든 입력의 기울기를 중심 유한 차분과 비교합니다</translation>
    </message>
    <message>
        <source>Export as &amp;TikZ…</source>
        <translation>TikZ로 내보내기(&amp;T)…</translation>
    </message>
    <message>
        <source>A standalone LaTeX picture with values and gradients</source>
        <translation>값과 기울기가 담긴 독립 실행형 LaTeX 그림</translation>
    </message>
    <message>
        <source>only inputs can be parameters, not &apos;{0}&apos;</source>
        <translation>매개변수는 입력만 될 수 있습니다. &apos;{0}&apos;은(는) 입력이 아닙니다</translation>
    </message>
    <message>
        <source>Mark parameter</source>
        <translation>매개변수로 지정</translation>
    </message>
    <message>
        <source>Unmark parameter</source>
        <translation>매개변수 지정 해제</translation>
    </message>
    <message>
        <source>Mark parameters</source>
        <translation>매개변수로 지정</translation>
    </message>
    <message>
        <source>Unmark parameters</source>
        <translation>매개변수 지정 해제</translation>
    </message>
    <message>
        <source>No parameters: mark inputs as parameters first (right-click an input → Parameter)</source>
        <translation>매개변수가 없습니다: 먼저 입력을 매개변수로 지정하세요 (입력을 오른쪽 클릭 → 매개변수)</translation>
    </message>
    <message>
        <source>No gradients: {0}</source>
        <translation>기울기 없음: {0}</translation>
    </message>
    <message>
        <source>Gradient ascent step</source>
        <translation>경사 상승 한 단계</translation>
    </message>
    <message>
        <source>Gradient descent step</source>
        <translation>경사 하강 한 단계</translation>
    </message>
    <message>
        <source>not finite everywhere</source>
        <translation>모든 곳에서 유한하지 않음</translation>
    </message>
    <message>
        <source>Cannot step: the gradient of &apos;{0}&apos; is {1}</source>
        <translation>이동할 수 없습니다: &apos;{0}&apos;의 기울기가 {1}입니다</translation>
    </message>
    <message>
        <source>Every parameter&apos;s gradient is 0: a step would change nothing</source>
        <translation>모든 매개변수의 기울기가 0입니다: 한 단계 이동해도 아무것도 바뀌지 않습니다</translation>
    </message>
    <message>
        <source>Mark parameters, then press Step: f is plotted here.</source>
        <translation>매개변수를 지정한 뒤 [경사 단계]를 누르세요: 여기에 f가 그려집니다.</translation>
    </message>
    <message>
        <source>f over {0} step(s)</source>
        <translation>{0}단계 동안의 f</translation>
    </message>
    <message>
        <source>Gradient &amp;Step</source>
        <translation>경사 단계(&amp;S)</translation>
    </message>
    <message>
        <source>Move every parameter along its gradient (one undo step)</source>
        <translation>모든 매개변수를 기울기 방향으로 이동합니다 (실행 취소 한 번)</translation>
    </message>
    <message>
        <source>&amp;Parameter (Moved by Step)</source>
        <translation>매개변수(&amp;P) (경사 단계로 이동)</translation>
    </message>
    <message>
        <source>Mark the selected inputs as parameters</source>
        <translation>선택한 입력을 매개변수로 지정합니다</translation>
    </message>
    <message>
        <source>Ascent (what f wants)</source>
        <translation>상승 (f가 원하는 방향)</translation>
    </message>
    <message>
        <source>Descent</source>
        <translation>하강</translation>
    </message>
    <message>
        <source>Ascent moves by +lr × gradient and raises f; descent by −lr × gradient and lowers it</source>
        <translation>상승은 +lr × 기울기만큼 움직여 f를 키우고, 하강은 −lr × 기울기만큼 움직여 f를 줄입니다</translation>
    </message>
    <message>
        <source>Learning rate (step size)</source>
        <translation>학습률 (이동 크기)</translation>
    </message>
    <message>
        <source>Gradient Steps</source>
        <translation>경사 단계</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>f over Steps</source>
        <translation>단계별 f</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Drag a gate from the Gates list onto the canvas (or double-click it to add it in the middle).</source>
        <translation>게이트 목록에서 게이트를 캔버스로 끌어다 놓으세요 (더블클릭하면 가운데에 추가됩니다).</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Add a gate by name at the mouse: type, then Enter. Double-clicking empty canvas does the same.</source>
        <translation>마우스 위치에 이름으로 게이트 추가: 이름을 입력하고 Enter. 캔버스의 빈 곳을 더블클릭해도 됩니다.</translation>
    </message>
    <message>
        <source>Duplicate the selected gates.</source>
        <translation>선택한 게이트를 복제합니다.</translation>
    </message>
    <message>
        <source>Delete the selection.</source>
        <translation>선택한 것을 삭제합니다.</translation>
    </message>
    <message>
        <source>Select everything (gates, wires and notes).</source>
        <translation>모두 선택합니다 (게이트, 연결선, 주석).</translation>
    </message>
    <message>
        <source>Find a node by id or label: Enter shows the next match, Shift+Enter the previous, Esc closes.</source>
        <translation>아이디나 이름표로 노드 찾기: Enter는 다음 결과, Shift+Enter는 이전 결과를 보여 주고, Esc로 닫습니다.</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>방향키</translation>
    </message>
    <message>
        <source>Nudge the selected gates (Shift: one grid step).</source>
        <translation>선택한 게이트를 조금씩 옮깁니다 (Shift: 격자 한 칸).</translation>
    </message>
    <message>
        <source>Auto layout: tidy the circuit left to right.</source>
        <translation>자동 배치: 회로를 왼쪽에서 오른쪽으로 정리합니다.</translation>
    </message>
    <message>
        <source>Undo.</source>
        <translation>실행 취소.</translation>
    </message>
    <message>
        <source>Redo.</source>
        <translation>다시 실행.</translation>
    </message>
    <message>
        <source>Wire</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Drag from a gate&apos;s output port (right) to an input port (left).</source>
        <translation>게이트의 출력 포트(오른쪽)에서 입력 포트(왼쪽)로 끌어 연결합니다.</translation>
    </message>
    <message>
        <source>Drag a wire&apos;s input end to another port to move it; drop it on empty canvas to delete it.</source>
        <translation>연결선의 입력 쪽 끝을 다른 포트로 끌면 옮겨지고, 캔버스의 빈 곳에 놓으면 삭제됩니다.</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>더블클릭</translation>
    </message>
    <message>
        <source>On an input: type its value. On a ·c or +c gate: type its constant. On other gates: type a label. Enter applies, Esc cancels.</source>
        <translation>입력에서: 값을 입력합니다. ·c 또는 +c 게이트에서: 상수를 입력합니다. 다른 게이트에서: 이름표를 입력합니다. Enter로 적용, Esc로 취소.</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>마우스 휠</translation>
    </message>
    <message>
        <source>Over an input: change its value by 1 (with Shift: by 0.1).</source>
        <translation>입력 위에서: 값을 1씩 바꿉니다 (Shift: 0.1씩).</translation>
    </message>
    <message>
        <source>Make the selected node the output f (or right-click it).</source>
        <translation>선택한 노드를 출력 f로 정합니다 (오른쪽 클릭으로도 가능).</translation>
    </message>
    <message>
        <source>Read the numbers</source>
        <translation>숫자 읽기</translation>
    </message>
    <message>
        <source>Above a wire: the value flowing forward.</source>
        <translation>연결선 위: 앞으로 흐르는 값 (순전파).</translation>
    </message>
    <message>
        <source>Below a wire, in italics: the gradient ∂f/∂(that wire) flowing back.</source>
        <translation>연결선 아래, 기울임꼴: 뒤로 흐르는 기울기 ∂f/∂(그 연결선) (역전파).</translation>
    </message>
    <message>
        <source>Select a node or a wire: the Inspector shows its numbers and its local gradient. View → Decimals sets the digits shown.</source>
        <translation>노드나 연결선을 선택하면 속성 창에 그 숫자와 국소 기울기가 나타납니다. 보기 → 소수 자릿수에서 표시할 자릿수를 정합니다.</translation>
    </message>
    <message>
        <source>Zoom and pan</source>
        <translation>확대와 이동</translation>
    </message>
    <message>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+휠</translation>
    </message>
    <message>
        <source>Zoom around the mouse.</source>
        <translation>마우스 위치를 중심으로 확대/축소합니다.</translation>
    </message>
    <message>
        <source>Zoom in.</source>
        <translation>확대.</translation>
    </message>
    <message>
        <source>Zoom out.</source>
        <translation>축소.</translation>
    </message>
    <message>
        <source>Fit the whole circuit on screen.</source>
        <translation>회로 전체를 화면에 맞춥니다.</translation>
    </message>
    <message>
        <source>Actual size (100 %).</source>
        <translation>실제 크기 (100 %).</translation>
    </message>
    <message>
        <source>Space+drag</source>
        <translation>Space+끌기</translation>
    </message>
    <message>
        <source>Pan the canvas (or drag with the middle button).</source>
        <translation>캔버스를 이동합니다 (가운데 버튼으로 끌어도 됩니다).</translation>
    </message>
    <message>
        <source>In class</source>
        <translation>수업에서</translation>
    </message>
    <message>
        <source>Present: full screen, large numbers for the back row. Ctrl+plus/minus size the numbers.</source>
        <translation>발표: 전체 화면, 뒷줄에서도 보이는 큰 숫자. Ctrl+플러스/마이너스로 숫자 크기를 조절합니다.</translation>
    </message>
    <message>
        <source>Leave the presentation (the editor&apos;s view comes back exactly).</source>
        <translation>발표를 마칩니다 (편집기 화면이 그대로 돌아옵니다).</translation>
    </message>
    <message>
        <source>While presenting: toggle between following the step and the whole circuit.</source>
        <translation>발표 중: 단계 따라가기와 회로 전체 보기를 전환합니다.</translation>
    </message>
    <message>
        <source>Step through: the forward pass one gate at a time, then backward.</source>
        <translation>단계별 보기: 순전파를 게이트 하나씩, 이어서 역전파를.</translation>
    </message>
    <message>
        <source>Next step (or reveal the next hidden number in a quiz).</source>
        <translation>다음 단계 (퀴즈에서는 숨긴 다음 숫자 공개).</translation>
    </message>
    <message>
        <source>Previous step.</source>
        <translation>이전 단계.</translation>
    </message>
    <message>
        <source>Back to the start of the step-through.</source>
        <translation>단계별 보기의 처음으로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Show everything (the last step).</source>
        <translation>모두 보여 줍니다 (마지막 단계).</translation>
    </message>
    <message>
        <source>Quiz (View → Quiz): hide all gradients or values, or those of the selected wires; click a ? to reveal it, or Reveal All. Alt+click any number hides or shows it.</source>
        <translation>퀴즈 (보기 → 퀴즈): 모든 기울기나 값, 또는 선택한 연결선의 기울기를 숨깁니다. ?를 클릭하면 공개되고, [모두 공개]도 있습니다. 숫자를 Alt+클릭하면 숨기거나 보입니다.</translation>
    </message>
    <message>
        <source>Patterns overlay (View menu): marks what each gate does to the gradient (add distributes, multiply swaps, max routes) and the sums at forks. Gradient colouring shows signs and sizes.</source>
        <translation>패턴 표시 (보기 메뉴): 각 게이트가 기울기에 하는 일(덧셈은 분배, 곱셈은 교환, 최댓값은 라우팅)과 갈림길에서의 합을 표시합니다. 기울기 색칠은 부호와 크기를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Add an annotation (a note on the canvas); double-click it to edit.</source>
        <translation>주석(캔버스 위의 메모)을 추가합니다. 더블클릭하면 편집합니다.</translation>
    </message>
    <message>
        <source>Export an image for slides (PNG, SVG or PDF).</source>
        <translation>슬라이드용 그림을 내보냅니다 (PNG, SVG, PDF).</translation>
    </message>
    <message>
        <source>Copy the circuit as an image.</source>
        <translation>회로를 그림으로 복사합니다.</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>{0} 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>{0} 다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>복제(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>삭제(&amp;L)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Select every gate, wire and annotation</source>
        <translation>모든 게이트, 연결선, 주석을 선택합니다</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Find a node by its id or label</source>
        <translation>아이디나 이름표로 노드를 찾습니다</translation>
    </message>
    <message>
        <source>Set as &amp;Output</source>
        <translation>출력으로 지정(&amp;O)</translation>
    </message>
    <message>
        <source>Add &amp;Gate…</source>
        <translation>게이트 추가(&amp;G)…</translation>
    </message>
    <message>
        <source>Search for a gate to add (Tab)</source>
        <translation>추가할 게이트를 찾습니다 (Tab)</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>자동 배치(&amp;L)</translation>
    </message>
    <message>
        <source>Lay the circuit out left to right</source>
        <translation>회로를 왼쪽에서 오른쪽으로 배치합니다</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit Circuit</source>
        <translation>회로 전체 보기(&amp;F)</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>실제 크기</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>격자에 맞추기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Group into Gate…</source>
        <translation>게이트로 묶기(&amp;G)…</translation>
    </message>
    <message>
        <source>Make the selected gates one compound gate</source>
        <translation>선택한 게이트들을 하나의 복합 게이트로 만듭니다</translation>
    </message>
    <message>
        <source>E&amp;xpand</source>
        <translation>펼치기(&amp;X)</translation>
    </message>
    <message>
        <source>Replace a group or a sigmoid by its parts</source>
        <translation>그룹이나 시그모이드를 그 부품들로 바꿉니다</translation>
    </message>
    <message>
        <source>&amp;Collapse into Sigmoid</source>
        <translation>시그모이드로 접기(&amp;C)</translation>
    </message>
    <message>
        <source>Replace scale(−1), exp, offset(+1), reciprocal by one sigmoid gate</source>
        <translation>상수배(−1), 지수, 상수 더하기(+1), 역수를 시그모이드 게이트 하나로 바꿉니다</translation>
    </message>
    <message>
        <source>Show G&amp;rid</source>
        <translation>격자 표시(&amp;R)</translation>
    </message>
    <message>
        <source>Quick &amp;Guide</source>
        <translation>빠른 안내(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About Chainwire</source>
        <translation>Chainwire 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>Every command and its keys</source>
        <translation>모든 명령과 그 단축키</translation>
    </message>
    <message>
        <source>&amp;Welcome and Tour…</source>
        <translation>시작 안내와 둘러보기(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>예제(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Decimals</source>
        <translation>소수 자릿수(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Clear Output Mark</source>
        <translation>출력 지정 해제</translation>
    </message>
    <message>
        <source>Set as Output f</source>
        <translation>출력 f로 지정</translation>
    </message>
    <message>
        <source>Edit Value…</source>
        <translation>값 편집…</translation>
    </message>
    <message>
        <source>Edit Constant…</source>
        <translation>상수 편집…</translation>
    </message>
    <message>
        <source>Delete Wire</source>
        <translation>연결선 삭제</translation>
    </message>
    <message>
        <source>Add Gate</source>
        <translation>게이트 추가</translation>
    </message>
    <message>
        <source>Paste Here</source>
        <translation>여기에 붙여넣기</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>테마:</translation>
    </message>
    <message>
        <source>Decimals shown:</source>
        <translation>표시할 소수 자릿수:</translation>
    </message>
    <message>
        <source>Wire label size:</source>
        <translation>연결선 숫자 크기:</translation>
    </message>
    <message>
        <source>Label size when presenting:</source>
        <translation>발표 중 숫자 크기:</translation>
    </message>
    <message>
        <source>Autosave a recovery copy every:</source>
        <translation>복구용 사본 자동 저장 간격:</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>인터페이스 언어:</translation>
    </message>
    <message>
        <source>A new language is used from the next start of Chainwire.</source>
        <translation>새 언어는 Chainwire를 다음에 시작할 때부터 적용됩니다.</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>캔버스</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>발표</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Reset to Defaults</source>
        <translation>기본값으로 되돌리기</translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation>파일이 아닙니다</translation>
    </message>
    <message>
        <source>it cannot be read: {}</source>
        <translation>읽을 수 없습니다: {}</translation>
    </message>
    <message>
        <source>it is not a settings file (binary data)</source>
        <translation>설정 파일이 아닙니다 (이진 데이터)</translation>
    </message>
    <message>
        <source>it is not a settings file (not text)</source>
        <translation>설정 파일이 아닙니다 (텍스트가 아님)</translation>
    </message>
    <message>
        <source>it is damaged (not in the settings format)</source>
        <translation>손상되었습니다 (설정 형식이 아님)</translation>
    </message>
    <message>
        <source>Your settings file could not be read: {0}. Chainwire started with the default settings.</source>
        <translation>설정 파일을 읽을 수 없습니다: {0}. Chainwire를 기본 설정으로 시작했습니다.</translation>
    </message>
    <message>
        <source>The old file was kept as {}.</source>
        <translation>기존 파일은 {}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <source>Changed settings may not be kept: {} cannot be replaced.</source>
        <translation>바꾼 설정이 유지되지 않을 수 있습니다: {}을(를) 교체할 수 없습니다.</translation>
    </message>
    <message>
        <source>Your settings could not be saved to {}.</source>
        <translation>설정을 {}에 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>1. Drag</source>
        <translation>1. 끌어 놓기</translation>
    </message>
    <message>
        <source>Drag a gate from the Gates list on the left onto the canvas. Or press Tab over the canvas and type its name.</source>
        <translation>왼쪽 게이트 목록에서 게이트를 캔버스로 끌어다 놓으세요. 또는 캔버스 위에서 Tab을 누르고 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>2. Wire</source>
        <translation>2. 연결하기</translation>
    </message>
    <message>
        <source>Drag from a gate&apos;s output port (on its right) to another gate&apos;s input port (on its left). Legal ports light up; drop a wire&apos;s end on empty canvas to delete it.</source>
        <translation>게이트의 출력 포트(오른쪽)에서 다른 게이트의 입력 포트(왼쪽)로 끌어 연결하세요. 연결할 수 있는 포트에 불이 들어옵니다. 연결선 끝을 캔버스의 빈 곳에 놓으면 삭제됩니다.</translation>
    </message>
    <message>
        <source>3. Type</source>
        <translation>3. 값 입력하기</translation>
    </message>
    <message>
        <source>Double-click an input and type its value, then Enter. Every wire shows its value above it and the gradient flowing back below it, in italics.</source>
        <translation>입력을 더블클릭해 값을 입력하고 Enter를 누르세요. 모든 연결선 위에는 값이, 아래에는 거꾸로 흐르는 기울기가 기울임꼴로 표시됩니다.</translation>
    </message>
    <message>
        <source>4. Step</source>
        <translation>4. 단계별로 보기</translation>
    </message>
    <message>
        <source>Press {0} to step through: {1} runs the forward pass one gate at a time, then the backward pass with the chain rule written beside each wire.</source>
        <translation>{0}을(를) 누르면 단계별 보기가 시작됩니다: {1}을(를) 누를 때마다 순전파가 게이트 하나씩 진행되고, 이어서 역전파가 각 연결선 옆에 연쇄 법칙을 적어 가며 진행됩니다.</translation>
    </message>
    <message>
        <source>5. Present</source>
        <translation>5. 발표하기</translation>
    </message>
    <message>
        <source>Press {0} to present full screen with numbers large enough for the back row; {1} leaves.</source>
        <translation>{0}을(를) 누르면 뒷줄에서도 읽을 수 있는 큰 숫자로 전체 화면 발표를 합니다. {1}을(를) 누르면 끝납니다.</translation>
    </message>
    <message>
        <source>Drop on a highlighted port to connect; drop anywhere else to cancel</source>
        <translation>강조된 포트에 놓으면 연결되고, 다른 곳에 놓으면 취소됩니다</translation>
    </message>
    <message>
        <source>Drop on another input to move this wire; drop on empty canvas to delete it</source>
        <translation>다른 입력에 놓으면 이 연결선을 옮기고, 캔버스의 빈 곳에 놓으면 삭제합니다</translation>
    </message>
    <message>
        <source>Nothing connected: drop the wire on a port</source>
        <translation>연결되지 않았습니다: 연결선을 포트에 놓으세요</translation>
    </message>
    <message>
        <source>Refused: connect an output to an input port, not to another output</source>
        <translation>거부됨: 출력은 다른 출력이 아니라 입력 포트에 연결하세요</translation>
    </message>
    <message>
        <source>Refused: &apos;{0}&apos; has no input ports</source>
        <translation>거부됨: &apos;{0}&apos;에는 입력 포트가 없습니다</translation>
    </message>
    <message>
        <source>Refused: connect an input port to an output port, not to another input</source>
        <translation>거부됨: 입력 포트는 다른 입력이 아니라 출력 포트에 연결하세요</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>&amp;Present</source>
        <translation>발표(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen for a projector; Esc leaves</source>
        <translation>프로젝터용 전체 화면. Esc로 끝냅니다</translation>
    </message>
    <message>
        <source>Leave Presentation</source>
        <translation>발표 끝내기</translation>
    </message>
    <message>
        <source>S&amp;tep Through</source>
        <translation>단계별 보기(&amp;T)</translation>
    </message>
    <message>
        <source>Show the forward pass one gate at a time, then the backward pass</source>
        <translation>순전파를 게이트 하나씩 보여 준 뒤 역전파를 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Next Step</source>
        <translation>다음 단계(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Step</source>
        <translation>이전 단계(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>처음(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;End (Show All)</source>
        <translation>끝(&amp;E) (모두 보기)</translation>
    </message>
    <message>
        <source>Larger Labels</source>
        <translation>숫자 크게</translation>
    </message>
    <message>
        <source>Smaller Labels</source>
        <translation>숫자 작게</translation>
    </message>
    <message>
        <source>&amp;Colour-Blind-Safe Colours</source>
        <translation>색각 이상 배려 색(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Gradient Colouring</source>
        <translation>기울기 색칠(&amp;G)</translation>
    </message>
    <message>
        <source>Colour wires by the sign of their gradient, thicken them by its size</source>
        <translation>연결선을 기울기의 부호에 따라 색칠하고, 크기에 따라 굵게 합니다</translation>
    </message>
    <message>
        <source>&amp;Patterns Overlay</source>
        <translation>패턴 표시(&amp;P)</translation>
    </message>
    <message>
        <source>Mark what each gate does to the gradient, and the sums at forks</source>
        <translation>각 게이트가 기울기에 하는 일과 갈림길에서의 합을 표시합니다</translation>
    </message>
    <message>
        <source>Hide All &amp;Gradients</source>
        <translation>모든 기울기 숨기기(&amp;G)</translation>
    </message>
    <message>
        <source>Hide All &amp;Values</source>
        <translation>모든 값 숨기기(&amp;V)</translation>
    </message>
    <message>
        <source>Hide &amp;Selected Wires&apos; Gradients</source>
        <translation>선택한 연결선의 기울기 숨기기(&amp;S)</translation>
    </message>
    <message>
        <source>Reveal &amp;Next</source>
        <translation>다음 공개(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reveal All</source>
        <translation>모두 공개(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;Annotation…</source>
        <translation>주석 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>Edit Annotation…</source>
        <translation>주석 편집…</translation>
    </message>
    <message>
        <source>Annotation Text Larger</source>
        <translation>주석 글자 크게</translation>
    </message>
    <message>
        <source>Annotation Text Smaller</source>
        <translation>주석 글자 작게</translation>
    </message>
    <message>
        <source>&amp;Export Image…</source>
        <translation>그림 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Copy &amp;Image</source>
        <translation>그림 복사(&amp;I)</translation>
    </message>
    <message>
        <source>Export Every &amp;Step as PNGs…</source>
        <translation>모든 단계를 PNG로 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>노드 추가</translation>
    </message>
    <message>
        <source>Group into %1</source>
        <translation>%1(으)로 묶기</translation>
    </message>
    <message>
        <source>Expand %1</source>
        <translation>%1 펼치기</translation>
    </message>
    <message>
        <source>Collapse into %1</source>
        <translation>%1(으)로 접기</translation>
    </message>
    <message>
        <source>Export this circuit as SVG or PDF, or as PNG at a scale of {0}× or less.</source>
        <translation>이 회로는 SVG나 PDF로 내보내거나, PNG라면 배율 {0}× 이하로 내보내세요.</translation>
    </message>
    <message>
        <source>The image would be {w} × {h} pixels, more than a PNG may have (at most {pixels} pixels, {side} on a side).</source>
        <translation>그림이 {w} × {h} 픽셀이 되어 PNG가 담을 수 있는 크기를 넘습니다 (최대 {pixels} 픽셀, 한 변에 {side} 픽셀).</translation>
    </message>
    <message>
        <source>Not enough memory for a {w} × {h} pixel image</source>
        <translation>{w} × {h} 픽셀 그림을 만들 메모리가 부족합니다</translation>
    </message>
</context>
<context>
    <name>About</name>
    <message>
        <source>Backpropagation circuits you can touch.</source>
        <translation>손으로 만져 보는 역전파 회로.</translation>
    </message>
    <message>
        <source>Every wire shows its forward value (above, upright) and the gradient flowing back along it (below, italic), as in the cs231n notes “Backpropagation, Intuitions”.</source>
        <translation>cs231n 강의 노트 “Backpropagation, Intuitions”에서처럼, 모든 연결선에 순전파 값(위, 바른 글꼴)과 그 연결선을 따라 거꾸로 흐르는 기울기(아래, 기울임꼴)가 표시됩니다.</translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation>MIT 라이선스의 자유 소프트웨어입니다.</translation>
    </message>
    <message>
        <source>About Chainwire</source>
        <translation>Chainwire 정보</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>“{0}” could not be opened.

{1}</source>
        <translation>“{0}”을(를) 열 수 없습니다.

{1}</translation>
    </message>
</context>
<context>
    <name>BackgroundOpen</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop opening; the circuit you have open stays</source>
        <translation>열기를 멈춥니다. 지금 열려 있는 회로는 그대로입니다</translation>
    </message>
    <message>
        <source>Opening {}…</source>
        <translation>{} 여는 중…</translation>
    </message>
    <message>
        <source>Opening {} cancelled; the circuit you had open is unchanged</source>
        <translation>{} 열기를 취소했습니다. 열려 있던 회로는 그대로입니다</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check Gradients</source>
        <translation>기울기 검사</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Analytic</source>
        <translation>해석적</translation>
    </message>
    <message>
        <source>Numeric</source>
        <translation>수치적</translation>
    </message>
    <message>
        <source>Rel. error</source>
        <translation>상대 오차</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>Centred differences with h = 1e-5·max(1, |x|). Relative error: below 1e-7 fine, below 1e-4 look closer, below 1e-2 suspect, else wrong; kink: a max gate changes its winner within the step, so the difference cannot judge.</source>
        <translation>중심 차분, h = 1e-5·max(1, |x|). 상대 오차: 1e-7 미만은 양호, 1e-4 미만은 자세히 확인, 1e-2 미만은 의심, 그 이상은 틀림. 꺾임점: 차분 구간 안에서 max 게이트의 승자가 바뀌어 차분으로는 판정할 수 없습니다.</translation>
    </message>
    <message>
        <source>Check &amp;Again</source>
        <translation>다시 검사(&amp;A)</translation>
    </message>
    <message>
        <source>The circuit has no inputs to check.</source>
        <translation>회로에 검사할 입력이 없습니다.</translation>
    </message>
    <message>
        <source>{0} of {1} gradients failed the check (f = {2}).</source>
        <translation>기울기 {1}개 중 {0}개가 검사를 통과하지 못했습니다 (f = {2}).</translation>
    </message>
    <message>
        <source>All {0} gradients pass the check (f = {1}).</source>
        <translation>기울기 {0}개가 모두 검사를 통과했습니다 (f = {1}).</translation>
    </message>
    <message>
        <source>The circuit changed since this check: Check Again.</source>
        <translation>이 검사 이후 회로가 바뀌었습니다: 다시 검사하세요.</translation>
    </message>
</context>
<context>
    <name>CircuitScene</name>
    <message>
        <source>This selection is too big to drag with the mouse: move it with the arrow keys</source>
        <translation>이 선택은 마우스로 끌기에 너무 큽니다: 방향키로 옮기세요</translation>
    </message>
</context>
<context>
    <name>Classroom</name>
    <message>
        <source>T&amp;heme</source>
        <translation>테마(&amp;H)</translation>
    </message>
    <message>
        <source>Ste&amp;ps</source>
        <translation>단계(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quiz</source>
        <translation>퀴즈(&amp;Q)</translation>
    </message>
    <message>
        <source>Step: {0}</source>
        <translation>단계: {0}</translation>
    </message>
    <message>
        <source>Quiz: {0} hidden — click a ? or press Space to reveal</source>
        <translation>퀴즈: {0}개 숨김 — ?를 클릭하거나 Space를 눌러 공개하세요</translation>
    </message>
    <message>
        <source>Select wires first, then hide their gradients</source>
        <translation>먼저 연결선을 선택한 뒤 기울기를 숨기세요</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>주석 추가</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>내용:</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>주석 편집</translation>
    </message>
    <message>
        <source>Select one annotation to edit (or double-click it)</source>
        <translation>편집할 주석을 하나 선택하세요 (또는 더블클릭하세요)</translation>
    </message>
    <message>
        <source>Copied the circuit as a {0}×{1} image</source>
        <translation>회로를 {0}×{1} 그림으로 복사했습니다</translation>
    </message>
</context>
<context>
    <name>CodeExport</name>
    <message>
        <source>Python script (*.py)</source>
        <translation>Python 스크립트 (*.py)</translation>
    </message>
    <message>
        <source>Export as &amp;Python…</source>
        <translation>Python으로 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>The forward and backward pass as staged numpy code, as in the notes; running it prints every value and gradient</source>
        <translation>순전파와 역전파를 강의 노트처럼 단계별 numpy 코드로 씁니다. 실행하면 모든 값과 기울기를 출력합니다</translation>
    </message>
    <message>
        <source>Export as Python</source>
        <translation>Python으로 내보내기</translation>
    </message>
    <message>
        <source>Could not export: {0}</source>
        <translation>내보낼 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Exported {0}: run it with python to print every value and gradient</source>
        <translation>{0}을(를) 내보냈습니다: python으로 실행하면 모든 값과 기울기를 출력합니다</translation>
    </message>
</context>
<context>
    <name>CrashGuard</name>
    <message>
        <source>%n more error(s) since.</source>
        <translation>그 뒤로 오류가 %n개 더 있었습니다.</translation>
    </message>
    <message>
        <source>Chainwire: unexpected error</source>
        <translation>Chainwire: 예상하지 못한 오류</translation>
    </message>
    <message>
        <source>Something went wrong inside Chainwire:</source>
        <translation>Chainwire 내부에서 문제가 생겼습니다:</translation>
    </message>
    <message>
        <source>A recovery copy of your unsaved work was written.</source>
        <translation>저장하지 않은 작업의 복구용 사본을 만들었습니다.</translation>
    </message>
    <message>
        <source>You had no unsaved work.</source>
        <translation>저장하지 않은 작업은 없었습니다.</translation>
    </message>
    <message>
        <source>Chainwire keeps running: save your work now to be safe.</source>
        <translation>Chainwire는 계속 실행됩니다: 안전하게 지금 작업을 저장하세요.</translation>
    </message>
    <message>
        <source>Details were written to {0}.</source>
        <translation>자세한 내용은 {0}에 기록했습니다.</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>Refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>Unknown gate type {0!r}</source>
        <translation>알 수 없는 게이트 종류 {0!r}</translation>
    </message>
    <message>
        <source>A group is made from gates: select them, then Edit → Group into Gate…</source>
        <translation>그룹은 게이트로 만듭니다: 게이트들을 선택한 뒤 편집 → 게이트로 묶기…</translation>
    </message>
    <message>
        <source>Added {0} &apos;{1}&apos;</source>
        <translation>{0} &apos;{1}&apos; 추가됨</translation>
    </message>
    <message>
        <source>Nothing selected to delete</source>
        <translation>삭제할 것이 선택되지 않았습니다</translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>조금 이동</translation>
    </message>
    <message>
        <source>Select annotations first</source>
        <translation>먼저 주석을 선택하세요</translation>
    </message>
    <message>
        <source>Layout cancelled: nothing moved</source>
        <translation>배치를 취소했습니다: 움직인 것이 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n node(s)… Ctrl+L again cancels</source>
        <translation>
            <numerusform>노드 %n개 배치 중… Ctrl+L을 다시 누르면 취소됩니다</numerusform>
        </translation>
    </message>
    <message>
        <source>The circuit changed while it was being laid out: nothing moved (Ctrl+L lays it out again)</source>
        <translation>배치하는 동안 회로가 바뀌었습니다: 움직인 것이 없습니다 (Ctrl+L을 누르면 다시 배치합니다)</translation>
    </message>
    <message>
        <source>Already laid out: nothing moved</source>
        <translation>이미 배치되어 있습니다: 움직인 것이 없습니다</translation>
    </message>
    <message>
        <source>Lay out</source>
        <translation>배치</translation>
    </message>
    <message numerus="yes">
        <source>Laid out left to right: %n node(s) moved</source>
        <translation>
            <numerusform>왼쪽에서 오른쪽으로 배치: 노드 %n개 이동</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>{0}: {1} → {2} (input {3})</source>
        <translation>{0}: {1} → {2} (입력 {3})</translation>
    </message>
    <message>
        <source>Deleted wire {0} → {1}</source>
        <translation>연결선 {0} → {1} 삭제됨</translation>
    </message>
    <message>
        <source>Refused: {0!r} is not a number (e.g. -2 or 0.5)</source>
        <translation>거부됨: {0!r}은(는) 숫자가 아닙니다 (예: -2 또는 0.5)</translation>
    </message>
    <message>
        <source>Scrolling changes numbers; double-click to type an array&apos;s values</source>
        <translation>스크롤은 숫자만 바꿉니다. 배열 값은 더블클릭해서 입력하세요</translation>
    </message>
    <message>
        <source>Cannot group: {0}</source>
        <translation>묶을 수 없습니다: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Grouped %n node(s) into &apos;{0}&apos;</source>
        <translation>
            <numerusform>노드 %n개를 &apos;{0}&apos;(으)로 묶었습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Select one group or sigmoid gate to expand</source>
        <translation>펼칠 그룹이나 시그모이드 게이트를 하나 선택하세요</translation>
    </message>
    <message>
        <source>Cannot expand: {0}</source>
        <translation>펼칠 수 없습니다: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Expanded into %n part(s)</source>
        <translation>
            <numerusform>부품 %n개로 펼쳤습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot collapse: {0}</source>
        <translation>접을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Collapsed into {0}</source>
        <translation>{0}(으)로 접었습니다</translation>
    </message>
    <message>
        <source>Select nodes to copy</source>
        <translation>복사할 노드를 선택하세요</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n node(s)</source>
        <translation>
            <numerusform>노드 %n개 복사됨</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no circuit</source>
        <translation>클립보드에 회로가 없습니다</translation>
    </message>
    <message>
        <source>Cannot paste: {0}</source>
        <translation>붙여넣을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Select nodes to duplicate</source>
        <translation>복제할 노드를 선택하세요</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>Cannot place the nodes there: their positions would be too large to draw. Paste nearer the other nodes.</source>
        <translation>노드를 그곳에 둘 수 없습니다: 위치가 너무 커서 그릴 수 없습니다. 다른 노드 가까이에 붙여넣으세요.</translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n node(s)</source>
        <translation>
            <numerusform>{0}: 노드 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpressionDialog</name>
    <message>
        <source>Insert Expression</source>
        <translation>수식 삽입</translation>
    </message>
    <message>
        <source>New from Expression</source>
        <translation>수식으로 새로 만들기</translation>
    </message>
    <message>
        <source>e.g. (x + y) * z  or  sigmoid(w0*x0 + w1*x1 + w2)</source>
        <translation>예: (x + y) * z  또는  sigmoid(w0*x0 + w1*x1 + w2)</translation>
    </message>
    <message>
        <source>Wire names to the inputs with that label</source>
        <translation>이름을 같은 이름표의 입력에 연결</translation>
    </message>
    <message>
        <source>Make every name a new input</source>
        <translation>모든 이름을 새 입력으로 만들기</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>삽입</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Names become inputs; + − × / **2, max(…), sigmoid(…), exp(…) become gates.</source>
        <translation>이름은 입력이 되고, + − × / **2, max(…), sigmoid(…), exp(…)는 게이트가 됩니다.</translation>
    </message>
    <message>
        <source>Type an expression.</source>
        <translation>수식을 입력하세요.</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>Save the changes to “{}” before closing it?</source>
        <translation>닫기 전에 “{}”의 변경 사항을 저장할까요?</translation>
    </message>
    <message>
        <source>New circuit: drag gates from the palette, or press Tab</source>
        <translation>새 회로: 팔레트에서 게이트를 끌어 놓거나 Tab을 누르세요</translation>
    </message>
    <message>
        <source>Open Circuit</source>
        <translation>회로 열기</translation>
    </message>
    <message>
        <source>Opened {}</source>
        <translation>{} 열림</translation>
    </message>
    <message>
        <source>Cannot open circuit</source>
        <translation>회로를 열 수 없음</translation>
    </message>
    <message>
        <source>“{0}” could not be opened.

{1}

The circuit you had open is unchanged.</source>
        <translation>“{0}”을(를) 열 수 없습니다.

{1}

열려 있던 회로는 그대로입니다.</translation>
    </message>
    <message>
        <source>Could not open {0}: {1}</source>
        <translation>{0}을(를) 열 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 그림 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>Did not open {}</source>
        <translation>{}을(를) 열지 않았습니다</translation>
    </message>
    <message>
        <source>Save Circuit As</source>
        <translation>다른 이름으로 회로 저장</translation>
    </message>
    <message>
        <source>Cannot save circuit</source>
        <translation>회로를 저장할 수 없음</translation>
    </message>
    <message>
        <source>“{0}” could not be saved.

{1}

Your circuit is still open and unsaved; try another folder with Save As.</source>
        <translation>“{0}”을(를) 저장할 수 없습니다.

{1}

회로는 저장되지 않은 채로 열려 있습니다. [다른 이름으로 저장]으로 다른 폴더를 시도해 보세요.</translation>
    </message>
    <message>
        <source>Save failed: {}</source>
        <translation>저장 실패: {}</translation>
    </message>
    <message>
        <source>Saved {}</source>
        <translation>{} 저장됨</translation>
    </message>
    <message>
        <source>(no backup made: {})</source>
        <translation>(백업을 만들지 못함: {})</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>Could not export: {}</source>
        <translation>내보낼 수 없습니다: {}</translation>
    </message>
    <message>
        <source>Exported {}</source>
        <translation>{} 내보냄</translation>
    </message>
    <message>
        <source>Export Every Step into a Folder</source>
        <translation>모든 단계를 폴더로 내보내기</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n step image(s) into {}</source>
        <translation>
            <numerusform>단계 그림 %n개를 {}에 내보냄</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Chainwire circuits (*{0})</source>
        <translation>Chainwire 회로 (*{0})</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>{0} (example)</source>
        <translation>{0} (예제)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>찾기</translation>
    </message>
    <message>
        <source>Find a node by id or label</source>
        <translation>아이디나 이름표로 노드 찾기</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>찾기:</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>이전 결과 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>다음 결과 (Enter)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>찾기 막대를 닫습니다 (Esc)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>일치하는 노드 없음</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{1}개 중 {0}번째</translation>
    </message>
</context>
<context>
    <name>FormulaTools</name>
    <message>
        <source>New circuit from the expression {0}</source>
        <translation>수식 {0}(으)로 새 회로</translation>
    </message>
    <message>
        <source>Inserted {0}</source>
        <translation>{0} 삽입됨</translation>
    </message>
    <message>
        <source>Gradient check: {0} of {1} failed</source>
        <translation>기울기 검사: {1}개 중 {0}개 실패</translation>
    </message>
    <message>
        <source>Gradient check: all {0} pass</source>
        <translation>기울기 검사: {0}개 모두 통과</translation>
    </message>
    <message>
        <source>Export as TikZ</source>
        <translation>TikZ로 내보내기</translation>
    </message>
    <message>
        <source>TikZ picture for LaTeX (*.tex)</source>
        <translation>LaTeX용 TikZ 그림 (*.tex)</translation>
    </message>
    <message>
        <source>Could not export: {0}</source>
        <translation>내보낼 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0} 내보냄</translation>
    </message>
</context>
<context>
    <name>GradientSteps</name>
    <message>
        <source>Step {0} ({1}): f {2} → {3}</source>
        <translation>{0}단계 ({1}): f {2} → {3}</translation>
    </message>
    <message>
        <source>ascent</source>
        <translation>상승</translation>
    </message>
    <message>
        <source>descent</source>
        <translation>하강</translation>
    </message>
    <message>
        <source>Select inputs to mark them as parameters</source>
        <translation>매개변수로 지정할 입력을 선택하세요</translation>
    </message>
    <message>
        <source>Parameter (Moved by Step)</source>
        <translation>매개변수 (경사 단계로 이동)</translation>
    </message>
    <message>
        <source>A parameter: Step moves it along its gradient</source>
        <translation>매개변수: 경사 단계가 기울기 방향으로 이동시킵니다</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Group into Gate</source>
        <translation>게이트로 묶기</translation>
    </message>
    <message>
        <source>What the inspector and the step-through call it</source>
        <translation>속성 창과 단계별 보기에서 부를 이름</translation>
    </message>
    <message>
        <source>What the gate shows, e.g. σ</source>
        <translation>게이트에 표시할 기호, 예: σ</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Symbol:</source>
        <translation>기호:</translation>
    </message>
</context>
<context>
    <name>ImageScaleDialog</name>
    <message>
        <source>Export PNG Image</source>
        <translation>PNG 그림 내보내기</translation>
    </message>
    <message>
        <source>Larger is sharper on slides and projectors.</source>
        <translation>클수록 슬라이드와 프로젝터에서 선명합니다.</translation>
    </message>
    <message>
        <source>Image scale:</source>
        <translation>그림 배율:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>크기:</translation>
    </message>
    <message>
        <source>{w} × {h} pixels</source>
        <translation>{w} × {h} 픽셀</translation>
    </message>
</context>
<context>
    <name>InlineEditing</name>
    <message>
        <source>Type the input&apos;s value, a number or a list such as [[1, 2], [3, 4]]; Enter applies, Esc cancels</source>
        <translation>입력의 값을 숫자나 [[1, 2], [3, 4]] 같은 목록으로 입력하세요. Enter로 적용, Esc로 취소</translation>
    </message>
    <message>
        <source>Type the gate&apos;s constant c; Enter applies, Esc cancels</source>
        <translation>게이트의 상수 c를 입력하세요. Enter로 적용, Esc로 취소</translation>
    </message>
    <message>
        <source>Type a label for this gate; Enter applies, Esc cancels</source>
        <translation>이 게이트의 이름표를 입력하세요. Enter로 적용, Esc로 취소</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Nothing selected</source>
        <translation>선택한 것 없음</translation>
    </message>
    <message>
        <source>A number, or a list such as [[1, 2], [3, 4]]</source>
        <translation>숫자, 또는 [[1, 2], [3, 4]] 같은 목록</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>이름표</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Constant c</source>
        <translation>상수 c</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>Forward value</source>
        <translation>순전파 값</translation>
    </message>
    <message>
        <source>Gradient ∂f/∂·</source>
        <translation>기울기 ∂f/∂·</translation>
    </message>
    <message>
        <source>Local gradient</source>
        <translation>국소 기울기</translation>
    </message>
    <message>
        <source>Select a node or a wire to see its numbers. Drag gates from the palette; drag from a port to wire.</source>
        <translation>노드나 연결선을 선택하면 그 숫자가 보입니다. 팔레트에서 게이트를 끌어 놓고, 포트에서 끌어 연결하세요.</translation>
    </message>
    <message>
        <source>(output f)</source>
        <translation>(출력 f)</translation>
    </message>
    <message>
        <source>{0} ({1}): {2} input(s), {3} part(s)</source>
        <translation>{0} ({1}): 입력 {2}개, 부품 {3}개</translation>
    </message>
    <message>
        <source>Wire {0} → {1} (input {2})</source>
        <translation>연결선 {0} → {1} (입력 {2})</translation>
    </message>
    <message>
        <source>A wire carries its source&apos;s value forward and, backward, the gradient of this branch. A node&apos;s gradient is the sum over its outgoing wires.</source>
        <translation>연결선은 순전파 때 출발 노드의 값을, 역전파 때 이 갈래의 기울기를 나릅니다. 노드의 기울기는 그 노드에서 나가는 연결선들의 기울기를 모두 더한 것입니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opened</source>
        <translation>열림</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>게이트</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>History</source>
        <translation>작업 내역</translation>
    </message>
    <message>
        <source>{}[*] — Chainwire</source>
        <translation>{}[*] — Chainwire</translation>
    </message>
    <message>
        <source>f = {0}  (output: {1})</source>
        <translation>f = {0}  (출력: {1})</translation>
    </message>
    <message>
        <source>⚠ non-finite value first at &apos;{}&apos;</source>
        <translation>⚠ 유한하지 않은 값이 처음 나타난 곳: &apos;{}&apos;</translation>
    </message>
    <message>
        <source>No gradients: {}</source>
        <translation>기울기 없음: {}</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>노드 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wire(s) selected</source>
        <translation>
            <numerusform>연결선 %n개 선택됨</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OSErrors</name>
    <message>
        <source>No such file or directory</source>
        <translation>파일이나 폴더가 없습니다</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>권한이 없습니다</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>허용되지 않는 작업입니다</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>폴더입니다</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>폴더가 아닙니다</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>저장 공간이 부족합니다</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>읽기 전용 파일 시스템입니다</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>파일 이름이 너무 깁니다</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>입출력 오류입니다</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>파일이 이미 있습니다</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Local gradient: {}</source>
        <translation>국소 기울기: {}</translation>
    </message>
    <message>
        <source>Drag onto the canvas, or double-click to add at the centre.</source>
        <translation>캔버스로 끌어다 놓거나, 더블클릭하면 가운데에 추가됩니다.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Chainwire Preferences</source>
        <translation>Chainwire 환경 설정</translation>
    </message>
    <message>
        <source>Colour-blind-safe colours (blue and orange)</source>
        <translation>색각 이상자도 구별하기 쉬운 색 (파랑과 주황)</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Show the grid</source>
        <translation>격자 표시</translation>
    </message>
    <message>
        <source>Snap gates to the grid</source>
        <translation>게이트를 격자에 맞추기</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Whole Circuit / Follow the Step</source>
        <translation>회로 전체 / 단계 따라가기</translation>
    </message>
    <message>
        <source>Presenting: show the whole circuit, or follow the step at a size the back row can read</source>
        <translation>발표 중: 회로 전체를 보이거나, 뒷줄에서도 읽을 수 있는 크기로 단계를 따라갑니다</translation>
    </message>
    <message>
        <source>Step &amp;Inside Groups</source>
        <translation>그룹 안까지 단계별로(&amp;I)</translation>
    </message>
    <message>
        <source>Step through each group&apos;s parts too, before the group&apos;s own step</source>
        <translation>그룹 자신의 단계 전에 그 부품들도 하나씩 단계별로 봅니다</translation>
    </message>
</context>
<context>
    <name>QuickAdd</name>
    <message>
        <source>Add gate: type a name…</source>
        <translation>게이트 추가: 이름을 입력하세요…</translation>
    </message>
    <message>
        <source>No gate matches &apos;{0}&apos;.
Try one of: {1}.</source>
        <translation>&apos;{0}&apos;에 맞는 게이트가 없습니다.
다음 중 하나를 입력해 보세요: {1}.</translation>
    </message>
</context>
<context>
    <name>QuickGuide</name>
    <message>
        <source>Chainwire Quick Guide</source>
        <translation>Chainwire 빠른 안내</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Autosave failed: {0}</source>
        <translation>자동 저장 실패: {0}</translation>
    </message>
    <message>
        <source>an earlier session</source>
        <translation>이전 세션</translation>
    </message>
    <message>
        <source>a circuit that was never saved</source>
        <translation>한 번도 저장하지 않은 회로</translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation>저장하지 않은 작업을 복구할까요?</translation>
    </message>
    <message>
        <source>Chainwire did not close normally. Unsaved work on “{0}” ({1}) was kept from {2}.

Open: reopen it (it stays unsaved until you save it).
Discard: delete the kept copy.
Cancel: decide next time Chainwire starts.</source>
        <translation>Chainwire가 정상적으로 종료되지 않았습니다. “{0}”({1})의 저장하지 않은 작업이 {2} 시점의 것으로 보관되어 있습니다.

열기: 다시 엽니다 (저장하기 전까지는 저장되지 않은 상태입니다).
무시: 보관한 사본을 지웁니다.
취소: Chainwire를 다음에 시작할 때 정합니다.</translation>
    </message>
    <message>
        <source>Recovered unsaved work on {0}: save it to keep it</source>
        <translation>{0}의 저장하지 않은 작업을 복구했습니다: 유지하려면 저장하세요</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Settings reset</source>
        <translation>설정 초기화됨</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>(no menu: keyboard only)</source>
        <translation>(메뉴 없음: 키보드 전용)</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>메뉴</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Search commands, keys or menus…</source>
        <translation>명령, 단축키, 메뉴 검색…</translation>
    </message>
    <message>
        <source>Also list commands without a key</source>
        <translation>단축키가 없는 명령도 보이기</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>메뉴</translation>
    </message>
    <message>
        <source>No command matches the search.</source>
        <translation>검색에 맞는 명령이 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>PDF로 저장(&amp;D)…</translation>
    </message>
    <message>
        <source>{0} of {1} commands</source>
        <translation>명령 {1}개 중 {0}개</translation>
    </message>
    <message>
        <source>Chainwire keyboard shortcuts</source>
        <translation>Chainwire 단축키</translation>
    </message>
    <message>
        <source>Save Shortcuts as PDF</source>
        <translation>단축키를 PDF로 저장</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>StepBadge</name>
    <message>
        <source>inside: {0}</source>
        <translation>안쪽: {0}</translation>
    </message>
    <message>
        <source>Space: next</source>
        <translation>Space: 다음</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>start</source>
        <translation>처음</translation>
    </message>
    <message>
        <source>forward {0} / {1}</source>
        <translation>순전파 {0} / {1}</translation>
    </message>
    <message>
        <source>backward {0} / {1}</source>
        <translation>역전파 {0} / {1}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Chainwire</source>
        <translation>Chainwire에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to Chainwire&lt;/h2&gt;&lt;p&gt;Build a circuit of gates and read on every wire its value and the gradient flowing back: backpropagation you can touch.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Chainwire에 오신 것을 환영합니다&lt;/h2&gt;&lt;p&gt;게이트로 회로를 만들고, 모든 연결선에서 값과 거꾸로 흐르는 기울기를 읽어 보세요: 손으로 만져 보는 역전파입니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Open Example</source>
        <translation>예제 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start from an example&lt;/b&gt;</source>
        <translation>&lt;b&gt;예제에서 시작하기&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 이전(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>다음(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;A short tour&lt;/b&gt;</source>
        <translation>&lt;b&gt;짧은 둘러보기&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Show this window at every start</source>
        <translation>시작할 때마다 이 창 보이기</translation>
    </message>
    <message>
        <source>Start &amp;Building</source>
        <translation>만들기 시작(&amp;B)</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>Select the gates to group</source>
        <translation>묶을 게이트를 선택하세요</translation>
    </message>
    <message>
        <source>Select exactly one node to make it the output f</source>
        <translation>출력 f로 지정할 노드를 정확히 하나 선택하세요</translation>
    </message>
</context>
<context>
    <name>cmd</name>
    <message>
        <source>Insert expression {0}</source>
        <translation>수식 {0} 삽입</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>&apos;{node}&apos; is an input node: it has no input ports</source>
        <translation>&apos;{node}&apos;은(는) 입력 노드라서 입력 포트가 없습니다</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; ({gate}) has no input port {port}</source>
        <translation>&apos;{node}&apos;({gate})에는 입력 포트 {port}이(가) 없습니다</translation>
    </message>
    <message>
        <source>input port {port} of &apos;{node}&apos; is already wired</source>
        <translation>&apos;{node}&apos;의 입력 포트 {port}은(는) 이미 연결되어 있습니다</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; cannot feed itself</source>
        <translation>&apos;{node}&apos;은(는) 자기 자신에게 연결될 수 없습니다</translation>
    </message>
    <message>
        <source>wiring &apos;{src}&apos; into &apos;{dst}&apos; would make a loop: {loop}</source>
        <translation>&apos;{src}&apos;을(를) &apos;{dst}&apos;에 연결하면 고리가 생깁니다: {loop}</translation>
    </message>
    <message>
        <source>{text} is not a number or a list of numbers such as {example}</source>
        <translation>{text}은(는) 숫자도 아니고 {example} 같은 숫자 목록도 아닙니다</translation>
    </message>
    <message>
        <source>{text} is not a finite number</source>
        <translation>{text}은(는) 유한한 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{source}: {problem}</source>
        <translation>{source}: {problem}</translation>
    </message>
    <message>
        <source>{source}: the file is empty</source>
        <translation>{source}: 빈 파일입니다</translation>
    </message>
    <message>
        <source>{source}: line {line}, column {column}: not valid JSON: {detail}</source>
        <translation>{source}: {line}행 {column}열: 올바른 JSON이 아닙니다: {detail}</translation>
    </message>
    <message>
        <source>{source}: line {line}, column {column}: not valid JSON: {detail} (the file ends too early: was it cut off?)</source>
        <translation>{source}: {line}행 {column}열: 올바른 JSON이 아닙니다: {detail} (파일이 너무 일찍 끝납니다: 잘린 것은 아닌가요?)</translation>
    </message>
    <message>
        <source>not a Chainwire file: there is no &quot;format&quot;: &quot;chainwire&quot; entry</source>
        <translation>Chainwire 파일이 아닙니다: &quot;format&quot;: &quot;chainwire&quot; 항목이 없습니다</translation>
    </message>
    <message>
        <source>written by a newer Chainwire (format {version}); this one reads up to {supported}. Update Chainwire to open it.</source>
        <translation>더 새로운 Chainwire로 저장한 파일입니다 (형식 {version}). 이 버전은 형식 {supported}까지 읽을 수 있습니다. 열려면 Chainwire를 업데이트하세요.</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>스칼라</translation>
    </message>
    <message>
        <source>{some} and {last}</source>
        <translation>{some} 및 {last}</translation>
    </message>
    <message>
        <source>{first}, {rest}</source>
        <translation>{first}, {rest}</translation>
    </message>
    <message>
        <source>{gate} needs shapes that broadcast together: got {shapes}</source>
        <translation>{gate}의 입력 모양이 서로 브로드캐스팅되지 않습니다: {shapes}</translation>
    </message>
    <message>
        <source>{gate} would make {shape}, more than {most} elements</source>
        <translation>{gate}의 결과가 {shape} 모양이 되어 원소 수가 {most}개를 넘습니다</translation>
    </message>
    <message>
        <source>inside the {group} group, part &apos;{part}&apos;: {problem}</source>
        <translation>{group} 그룹 안의 부품 &apos;{part}&apos;: {problem}</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; further on would not fit: {problem}</source>
        <translation>뒤쪽의 &apos;{node}&apos;에서 모양이 맞지 않게 됩니다: {problem}</translation>
    </message>
    <message>
        <source>column {column}: {what}</source>
        <translation>{column}번째 글자: {what}</translation>
    </message>
    <message>
        <source>the expression is empty</source>
        <translation>수식이 비어 있습니다</translation>
    </message>
    <message>
        <source>the expression ends too early (an operand is missing)</source>
        <translation>수식이 너무 일찍 끝납니다 (피연산자가 빠졌습니다)</translation>
    </message>
    <message>
        <source>syntax error: {detail}</source>
        <translation>문법 오류: {detail}</translation>
    </message>
    <message>
        <source>operator &apos;{op}&apos; is not allowed (allowed: + - * / @ **2)</source>
        <translation>연산자 &apos;{op}&apos;은(는) 쓸 수 없습니다 (쓸 수 있는 것: + - * / @ **2)</translation>
    </message>
    <message>
        <source>division by zero</source>
        <translation>0으로 나눔</translation>
    </message>
    <message>
        <source>unknown function &apos;{word}&apos; (allowed: {allowed})</source>
        <translation>알 수 없는 함수 &apos;{word}&apos; (쓸 수 있는 것: {allowed})</translation>
    </message>
    <message>
        <source>only the exponent 2 is allowed (x**2, a square gate), not {shown}</source>
        <translation>지수는 2만 쓸 수 있습니다 (x**2, 제곱 게이트). {shown}은(는) 안 됩니다</translation>
    </message>
    <message>
        <source>{kind} is not allowed</source>
        <translation>수식에 쓸 수 없는 문법입니다: {kind}</translation>
    </message>
    <message>
        <source>a comparison</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>a lambda</source>
        <translation>람다</translation>
    </message>
    <message>
        <source>a conditional expression</source>
        <translation>조건식</translation>
    </message>
    <message>
        <source>indexing</source>
        <translation>인덱싱</translation>
    </message>
    <message>
        <source>attribute access</source>
        <translation>속성 접근</translation>
    </message>
    <message>
        <source>a tuple (a comma)</source>
        <translation>튜플(쉼표)</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>리스트</translation>
    </message>
    <message>
        <source>{source}: the file is too large ({size}; the limit is {most})</source>
        <translation>{source}: 파일이 너무 큽니다 ({size}, 한도는 {most})</translation>
    </message>
    <message>
        <source>{source}: the text is too large ({count} characters; the limit is {most})</source>
        <translation>{source}: 텍스트가 너무 큽니다 ({count}자, 한도는 {most}자)</translation>
    </message>
    <message>
        <source>{source}: the file holds too many JSON tokens (more than {most}: values, keys and brackets; see docs/file-format.md, &quot;Limits&quot;)</source>
        <translation>{source}: 파일에 JSON 토큰(값, 키, 괄호)이 너무 많습니다 ({most}개 초과; docs/file-format.md의 &quot;Limits&quot;를 보세요)</translation>
    </message>
    <message>
        <source>{source}: the file is UTF-16 text; Chainwire files are UTF-8 (save it again as UTF-8)</source>
        <translation>{source}: UTF-16 텍스트 파일입니다. Chainwire 파일은 UTF-8입니다 (UTF-8로 다시 저장하세요)</translation>
    </message>
    <message>
        <source>{source}: line {line}, column {column}: not UTF-8 text (byte 0x{byte}); is this really a Chainwire file?</source>
        <translation>{source}: {line}행 {column}열: UTF-8 텍스트가 아닙니다 (바이트 0x{byte}). 정말 Chainwire 파일인가요?</translation>
    </message>
    <message>
        <source>{source}: line {line}, column {column}: nested more than {most} levels deep</source>
        <translation>{source}: {line}행 {column}열: 중첩이 {most}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{source}: nested more than {most} levels deep</source>
        <translation>{source}: 중첩이 {most}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{source}: not a usable JSON number: an integer of more than 4,300 digits is too large (it overflows to infinity)</source>
        <translation>{source}: 쓸 수 없는 JSON 숫자입니다: 4,300자리가 넘는 정수는 너무 큽니다 (무한대로 넘칩니다)</translation>
    </message>
    <message>
        <source>line {line}, column {column}: {problem}</source>
        <translation>{line}행 {column}열: {problem}</translation>
    </message>
    <message>
        <source>duplicate key {key} in one object</source>
        <translation>한 객체 안에 키 {key}이(가) 두 번 있습니다</translation>
    </message>
    <message>
        <source>duplicate key in an object</source>
        <translation>한 객체 안에 같은 키가 두 번 있습니다</translation>
    </message>
    <message>
        <source>{token} is not allowed: numbers in a circuit file must be finite</source>
        <translation>{token}은(는) 쓸 수 없습니다: 회로 파일의 숫자는 유한해야 합니다</translation>
    </message>
    <message>
        <source>the number {token} is too large (it overflows to infinity)</source>
        <translation>숫자 {token}이(가) 너무 큽니다 (무한대로 넘칩니다)</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <translation>값이 있어야 합니다</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>구분 기호 &apos;,&apos;가 있어야 합니다</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>구분 기호 &apos;:&apos;가 있어야 합니다</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>큰따옴표로 감싼 키 이름이 있어야 합니다</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>여기서 시작한 문자열이 닫히지 않았습니다</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>문자열 안에 쓸 수 없는 제어 문자가 있습니다</translation>
    </message>
    <message>
        <source>Invalid \escape</source>
        <translation>잘못된 \ 이스케이프입니다</translation>
    </message>
    <message>
        <source>Invalid \uXXXX escape</source>
        <translation>잘못된 \uXXXX 이스케이프입니다</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>JSON 값 뒤에 다른 내용이 더 있습니다</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of object</source>
        <translation>객체가 끝나기 전에 쉼표가 남아 있습니다</translation>
    </message>
    <message>
        <source>Illegal trailing comma before end of array</source>
        <translation>리스트가 끝나기 전에 쉼표가 남아 있습니다</translation>
    </message>
    <message>
        <source>the number {number}</source>
        <translation>숫자 {number}</translation>
    </message>
    <message>
        <source>the text {text}</source>
        <translation>문자열 {text}</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>객체</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>a list of {count}</source>
        <translation>항목 {count}개짜리 리스트</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>node {node} (nodes[{index}])</source>
        <translation>노드 {node} (nodes[{index}])</translation>
    </message>
    <message>
        <source>the entry {key}</source>
        <translation>항목 {key}</translation>
    </message>
    <message>
        <source>an unknown entry</source>
        <translation>알 수 없는 항목</translation>
    </message>
    <message>
        <source>{what} {axis}</source>
        <translation>{what}의 {axis}</translation>
    </message>
    <message>
        <source>the top level must be a JSON object, not {kind}</source>
        <translation>최상위는 JSON 객체여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>not a Chainwire file: &quot;format&quot; is {kind}, expected &quot;{name}&quot;</source>
        <translation>Chainwire 파일이 아닙니다: &quot;format&quot;이 &quot;{name}&quot;이어야 하는데 {kind}입니다</translation>
    </message>
    <message>
        <source>the &quot;version&quot; entry is missing (this Chainwire writes version {version})</source>
        <translation>&quot;version&quot; 항목이 없습니다 (이 Chainwire는 버전 {version}(으)로 저장합니다)</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number like {version}, not {kind}</source>
        <translation>&quot;version&quot;은 {version} 같은 정수여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>&quot;version&quot; {version} does not exist: versions start at 1</source>
        <translation>&quot;version&quot; {version}은(는) 없는 버전입니다: 버전은 1부터 시작합니다</translation>
    </message>
    <message>
        <source>there is no &quot;nodes&quot; list</source>
        <translation>&quot;nodes&quot; 리스트가 없습니다</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; must be a list, not {kind}</source>
        <translation>&quot;{key}&quot;은(는) 리스트여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; must be text, not {kind}</source>
        <translation>&quot;{key}&quot;은(는) 문자열이어야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; must be an object, not {kind}</source>
        <translation>&quot;{key}&quot;은(는) 객체여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; must be a node id, not {kind}</source>
        <translation>&quot;{key}&quot;은(는) 노드 id여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>{where} must be an object, not {kind}</source>
        <translation>{where}은(는) 객체여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>it must be an object, not {kind}</source>
        <translation>객체여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>a wire must be an object, not {kind}</source>
        <translation>연결선은 객체여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>too many nodes ({count}; the limit is {most})</source>
        <translation>노드가 너무 많습니다 ({count}개, 한도는 {most}개)</translation>
    </message>
    <message>
        <source>too many wires ({count}; the limit is {most})</source>
        <translation>연결선이 너무 많습니다 ({count}개, 한도는 {most}개)</translation>
    </message>
    <message>
        <source>too many annotations ({count}; the limit is {most})</source>
        <translation>주석이 너무 많습니다 ({count}개, 한도는 {most}개)</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; names node {node}, but there is no such node</source>
        <translation>&quot;{key}&quot;이(가) 노드 {node}을(를) 가리키지만 그런 노드는 없습니다</translation>
    </message>
    <message>
        <source>it has no &quot;{key}&quot;</source>
        <translation>&quot;{key}&quot; 항목이 없습니다</translation>
    </message>
    <message>
        <source>&quot;id&quot; must be a non-empty text, not {kind}</source>
        <translation>&quot;id&quot;는 비어 있지 않은 문자열이어야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>the id {node} is already used by nodes[{index}]; ids must be unique</source>
        <translation>id {node}은(는) nodes[{index}]에서 이미 쓰고 있습니다. id는 서로 달라야 합니다</translation>
    </message>
    <message>
        <source>it has no &quot;type&quot; (one of: {known})</source>
        <translation>&quot;type&quot; 항목이 없습니다 (다음 중 하나: {known})</translation>
    </message>
    <message>
        <source>unknown gate type {type} (known: {known})</source>
        <translation>알 수 없는 게이트 종류 {type} (있는 종류: {known})</translation>
    </message>
    <message>
        <source>it has no &quot;pos&quot; [x, y]</source>
        <translation>&quot;pos&quot; [x, y] 항목이 없습니다</translation>
    </message>
    <message>
        <source>an input node needs a &quot;value&quot;</source>
        <translation>입력 노드에는 &quot;value&quot;가 있어야 합니다</translation>
    </message>
    <message>
        <source>&quot;value&quot; must be a number or a list of numbers, not {kind}</source>
        <translation>&quot;value&quot;는 숫자나 숫자 리스트여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>a {type} gate has no &quot;value&quot; (only input nodes do)</source>
        <translation>{type} 게이트에는 &quot;value&quot;가 없습니다 (입력 노드에만 있습니다)</translation>
    </message>
    <message>
        <source>a {type} gate has no &quot;param&quot; (only {with_param} do)</source>
        <translation>{type} 게이트에는 &quot;param&quot;이 없습니다 ({with_param}에만 있습니다)</translation>
    </message>
    <message>
        <source>a {type} node needs its &quot;{type}&quot; entry</source>
        <translation>{type} 노드에는 &quot;{type}&quot; 항목이 있어야 합니다</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; is reserved for compound gates, which this Chainwire cannot read</source>
        <translation>&quot;{key}&quot;은(는) 복합 게이트용으로 예약된 항목인데, 이 Chainwire는 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>&quot;port&quot; must be a whole number, not {kind}</source>
        <translation>&quot;port&quot;는 정수여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>{node} is an input node: it has no input ports</source>
        <translation>{node}은(는) 입력 노드라서 입력 포트가 없습니다</translation>
    </message>
    <message>
        <source>{node} has one input, port 0; there is no port {port}</source>
        <translation>{node}에는 입력이 포트 0 하나뿐입니다. 포트 {port}은(는) 없습니다</translation>
    </message>
    <message>
        <source>{node} has ports 0 to {last}; there is no port {port}</source>
        <translation>{node}의 포트는 0부터 {last}까지입니다. 포트 {port}은(는) 없습니다</translation>
    </message>
    <message>
        <source>port {port} of {node} is already wired by wires[{first}]; a port takes one wire</source>
        <translation>{node}의 포트 {port}은(는) 이미 wires[{first}]로 연결되어 있습니다. 포트 하나에는 연결선 하나만 연결됩니다</translation>
    </message>
    <message>
        <source>{wires} make a loop: {names}; a circuit must not feed back into itself</source>
        <translation>{wires}이(가) 고리를 만듭니다: {names}. 회로는 자기 자신으로 되돌아오면 안 됩니다</translation>
    </message>
    <message>
        <source>&quot;font_size&quot; must be positive, not {size}</source>
        <translation>&quot;font_size&quot;는 양수여야 합니다 (지금은 {size})</translation>
    </message>
    <message>
        <source>{what} must be a finite number, not {value}</source>
        <translation>{what}은(는) 유한한 숫자여야 합니다 (지금은 {value})</translation>
    </message>
    <message>
        <source>{what} must be a number, not {kind}</source>
        <translation>{what}은(는) 숫자여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>{what} is too large to be a number ({digits} digits)</source>
        <translation>{what}이(가) 숫자로 쓰기에는 너무 큽니다 ({digits}자리)</translation>
    </message>
    <message>
        <source>{what} must be two numbers [x, y], not {got}</source>
        <translation>{what}은(는) 숫자 두 개 [x, y]여야 합니다 (지금은 {got})</translation>
    </message>
    <message>
        <source>{what} has an object key that is not text</source>
        <translation>{what}에 문자열이 아닌 객체 키가 있습니다</translation>
    </message>
    <message>
        <source>{what} contains {value}: numbers must be finite</source>
        <translation>{what}에 {value}이(가) 들어 있습니다: 숫자는 유한해야 합니다</translation>
    </message>
    <message>
        <source>{what} is nested more than {most} levels deep</source>
        <translation>{what}의 중첩이 {most}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{what} contains a {type}, which is not a JSON value</source>
        <translation>{what}에 JSON 값이 아닌 {type}이(가) 들어 있습니다</translation>
    </message>
    <message>
        <source>only a node of type &quot;group&quot; has one, not a {type} node</source>
        <translation>&quot;group&quot; 종류의 노드에만 있는 항목인데, {type} 노드에 있습니다</translation>
    </message>
    <message>
        <source>unknown entry {key} (a group has: {keys})</source>
        <translation>알 수 없는 항목 {key} (그룹에 있는 항목: {keys})</translation>
    </message>
    <message>
        <source>&quot;ports&quot; must be a list of node ids, not {kind}</source>
        <translation>&quot;ports&quot;는 노드 id의 리스트여야 합니다 (지금은 {kind})</translation>
    </message>
    <message>
        <source>groups are nested more than {most} deep</source>
        <translation>그룹이 {most}단계보다 깊게 중첩되어 있습니다</translation>
    </message>
    <message>
        <source>group &apos;{name}&apos;</source>
        <translation>그룹 &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>part {part}</source>
        <translation>부품 {part}</translation>
    </message>
    <message>
        <source>its input part {part} has no value</source>
        <translation>입력 부품 {part}에 값이 없습니다</translation>
    </message>
    <message>
        <source>it must be a group definition, not {type}</source>
        <translation>그룹 정의여야 합니다 (지금은 {type})</translation>
    </message>
    <message>
        <source>a group needs a name (text)</source>
        <translation>그룹에는 이름(문자열)이 있어야 합니다</translation>
    </message>
    <message>
        <source>a group needs a symbol (text)</source>
        <translation>그룹에는 기호(문자열)가 있어야 합니다</translation>
    </message>
    <message>
        <source>a group&apos;s name has at most {most} characters</source>
        <translation>그룹 이름은 최대 {most}자입니다</translation>
    </message>
    <message>
        <source>a group&apos;s symbol has at most {most} characters</source>
        <translation>그룹 기호는 최대 {most}자입니다</translation>
    </message>
    <message>
        <source>a part must be a node, not {type}</source>
        <translation>부품은 노드여야 합니다 (지금은 {type})</translation>
    </message>
    <message>
        <source>the id {part} is used by two parts</source>
        <translation>id {part}을(를) 두 부품이 함께 쓰고 있습니다</translation>
    </message>
    <message>
        <source>wire {wire} joins parts that do not exist</source>
        <translation>연결선 {wire}이(가) 없는 부품을 잇고 있습니다</translation>
    </message>
    <message>
        <source>part {part} ({gate}) has no input port {port}</source>
        <translation>부품 {part}({gate})에는 입력 포트 {port}이(가) 없습니다</translation>
    </message>
    <message>
        <source>input port {port} of part {part} is wired twice</source>
        <translation>부품 {part}의 입력 포트 {port}에 연결선이 두 개 있습니다</translation>
    </message>
    <message>
        <source>a port is listed twice</source>
        <translation>같은 포트가 두 번 나옵니다</translation>
    </message>
    <message>
        <source>a group has at most {most} ports (as many as an add gate&apos;s inputs), not {count}</source>
        <translation>그룹의 포트는 최대 {most}개입니다 (덧셈 게이트의 입력 수와 같습니다). 지금은 {count}개입니다</translation>
    </message>
    <message>
        <source>port {port} must be one of its input parts</source>
        <translation>포트 {port}은(는) 그룹의 입력 부품 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>port {port} feeds no part</source>
        <translation>포트 {port}이(가) 어느 부품에도 연결되지 않습니다</translation>
    </message>
    <message>
        <source>its output {node} must be one of its gates</source>
        <translation>출력 {node}은(는) 그룹의 게이트 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>its parts make a loop</source>
        <translation>부품들이 고리를 만듭니다</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>no file name was given</source>
        <translation>파일 이름이 없습니다</translation>
    </message>
    <message>
        <source>it is {kind}, not a regular file</source>
        <translation>일반 파일이 아니라 {kind}입니다</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>소켓</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>이름 있는 파이프(FIFO)</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>문자 장치</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>블록 장치</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>심볼릭 링크</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>특수 파일</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>폴더 {folder}이(가) 없습니다</translation>
    </message>
    <message>
        <source>it is a symbolic link to {target}, which does not exist</source>
        <translation>{target}을(를) 가리키는 심볼릭 링크인데, 그 대상이 없습니다</translation>
    </message>
    <message>
        <source>it is a link in {folder} to an open stream, not a regular file</source>
        <translation>{folder} 안에서 열린 스트림을 가리키는 링크입니다. 일반 파일이 아닙니다</translation>
    </message>
    <message>
        <source>too many levels of symbolic links</source>
        <translation>심볼릭 링크가 너무 여러 단계로 이어져 있습니다</translation>
    </message>
    <message>
        <source>the file system is read-only</source>
        <translation>읽기 전용 파일 시스템입니다</translation>
    </message>
    <message>
        <source>permission denied: the file is read-only</source>
        <translation>권한이 없습니다: 읽기 전용 파일입니다</translation>
    </message>
    <message>
        <source>permission denied: cannot create a file in the folder {folder}</source>
        <translation>권한이 없습니다: 폴더 {folder}에 파일을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>only {written} of {total} bytes could be written (is the disk full?)</source>
        <translation>{total}바이트 중 {written}바이트만 썼습니다 (디스크가 가득 찼나요?)</translation>
    </message>
    <message>
        <source>cannot save {path}: {reason}</source>
        <translation>{path}을(를) 저장할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>{text}</source>
        <translation>{text}</translation>
    </message>
    <message>
        <source>the circuit cannot be written as a valid file: {problem}</source>
        <translation>회로를 올바른 파일로 저장할 수 없습니다: {problem}</translation>
    </message>
    <message>
        <source>part {part} ({gate}) is not fully wired</source>
        <translation>부품 {part}({gate})의 입력이 다 연결되지 않았습니다</translation>
    </message>
    <message>
        <source>part {part} does not lead to its output</source>
        <translation>부품 {part}이(가) 그룹의 출력으로 이어지지 않습니다</translation>
    </message>
    <message>
        <source>a {gate} gate has no parts to expand into</source>
        <translation>{gate} 게이트에는 펼칠 부품이 없습니다</translation>
    </message>
    <message>
        <source>no node with id {node}</source>
        <translation>id가 {node}인 노드가 없습니다</translation>
    </message>
    <message>
        <source>select the gates to group (inputs alone make no gate)</source>
        <translation>그룹으로 묶을 게이트를 선택하세요 (입력만으로는 게이트가 되지 않습니다)</translation>
    </message>
    <message>
        <source>a group has one output, but {names} all feed the rest of the circuit</source>
        <translation>그룹의 출력은 하나인데, {names}이(가) 모두 회로의 나머지 부분으로 이어집니다</translation>
    </message>
    <message>
        <source>a group has one output, but the selection ends in {names}</source>
        <translation>그룹의 출력은 하나인데, 선택이 {names}에서 끝납니다</translation>
    </message>
    <message>
        <source>a group has one output, but &apos;{node}&apos; feeds the rest of the circuit and the selection ends in &apos;{end}&apos;</source>
        <translation>그룹의 출력은 하나인데, &apos;{node}&apos;이(가) 회로의 나머지 부분으로 이어지고 선택은 &apos;{end}&apos;에서 끝납니다</translation>
    </message>
    <message>
        <source>the output f (&apos;{node}&apos;) is inside the selection but does not end it</source>
        <translation>출력 f(&apos;{node}&apos;)가 선택 안에 있지만 선택의 끝이 아닙니다</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; ({gate}) cannot be expanded: only a group or a gate made of parts (sigmoid) can</source>
        <translation>&apos;{node}&apos;({gate})은(는) 펼칠 수 없습니다: 그룹이나 부품으로 이루어진 게이트(시그모이드)만 펼칠 수 있습니다</translation>
    </message>
    <message>
        <source>its part {part} would be at ({x}, {y}), too far out to draw: positions must lie within ±{most}</source>
        <translation>부품 {part}이(가) ({x}, {y})에 놓여 너무 멀어서 그릴 수 없습니다: 위치는 ±{most} 안에 있어야 합니다</translation>
    </message>
    <message>
        <source>select exactly the parts of a sigmoid, in a chain: {parts}</source>
        <translation>시그모이드의 부품만 정확히, 사슬로 이어진 채로 선택하세요: {parts}</translation>
    </message>
    <message>
        <source>a group needs its definition</source>
        <translation>그룹에는 정의가 있어야 합니다</translation>
    </message>
    <message>
        <source>the {group} group needs {count} inputs wired, has {wired}</source>
        <translation>{group} 그룹에는 입력이 {count}개 연결되어야 하는데 {wired}개입니다</translation>
    </message>
    <message>
        <source>the {group} group is too large to write as code (an expression of more than {most} characters); expand it first (Edit → Expand) to write it part by part</source>
        <translation>{group} 그룹은 코드로 쓰기에 너무 큽니다 ({most}자가 넘는 식). 먼저 펼친 다음(편집 → 펼치기) 부품별로 쓰세요</translation>
    </message>
    <message>
        <source>a value has at most {most} numbers; this text has {count} or more</source>
        <translation>값에는 숫자가 최대 {most}개까지 들어갈 수 있습니다. 이 텍스트에는 {count}개 이상 있습니다</translation>
    </message>
    <message>
        <source>a value has at most {most} numbers; this one has {count}</source>
        <translation>값에는 숫자가 최대 {most}개까지 들어갈 수 있습니다. 이 값에는 {count}개 있습니다</translation>
    </message>
    <message>
        <source>a value has at most {most} dimensions (a vector or a matrix)</source>
        <translation>값은 최대 {most}차원입니다 (벡터나 행렬)</translation>
    </message>
    <message>
        <source>not a list of numbers such as {example}: {detail} (column {column})</source>
        <translation>{example} 같은 숫자 리스트가 아닙니다: {detail} ({column}번째 글자)</translation>
    </message>
    <message>
        <source>a number in the list is too large (it overflows to infinity)</source>
        <translation>리스트 안의 숫자가 너무 큽니다 (무한대로 넘칩니다)</translation>
    </message>
    <message>
        <source>the number is too large ({digits} digits)</source>
        <translation>숫자가 너무 큽니다 ({digits}자리)</translation>
    </message>
    <message>
        <source>not a number or a list of numbers such as {example}</source>
        <translation>숫자도 아니고 {example} 같은 숫자 리스트도 아닙니다</translation>
    </message>
    <message>
        <source>an empty list has no numbers; a value needs at least one</source>
        <translation>빈 리스트에는 숫자가 없습니다. 값에는 숫자가 하나 이상 있어야 합니다</translation>
    </message>
    <message>
        <source>row 1 is empty; a row needs at least one number</source>
        <translation>1행이 비어 있습니다. 행에는 숫자가 하나 이상 있어야 합니다</translation>
    </message>
    <message>
        <source>row {row} is {kind}, not a list: a matrix is a list of rows, such as {example}</source>
        <translation>{row}행이 리스트가 아니라 {kind}입니다: 행렬은 {example}처럼 행의 리스트입니다</translation>
    </message>
    <message>
        <source>row {row} has 1 number, row 1 has {width}</source>
        <translation>{row}행에는 숫자가 1개, 1행에는 {width}개 있습니다</translation>
    </message>
    <message>
        <source>row {row} has {count} numbers, row 1 has {width}</source>
        <translation>{row}행에는 숫자가 {count}개, 1행에는 {width}개 있습니다</translation>
    </message>
    <message>
        <source>row {row}, column {column} is {kind}, not a number</source>
        <translation>{row}행 {column}열이 숫자가 아니라 {kind}입니다</translation>
    </message>
    <message>
        <source>item {item} is a list but item 1 is not: a matrix is a list of rows, such as {example}</source>
        <translation>{item}번째 항목은 리스트인데 1번째 항목은 리스트가 아닙니다: 행렬은 {example}처럼 행의 리스트입니다</translation>
    </message>
    <message>
        <source>item {item} is {kind}, not a number</source>
        <translation>{item}번째 항목이 숫자가 아니라 {kind}입니다</translation>
    </message>
    <message>
        <source>node {node} is at {at}, too far out to draw: positions must lie within ±{most}</source>
        <translation>노드 {node}이(가) {at}에 있어 너무 멀어서 그릴 수 없습니다: 위치는 ±{most} 안에 있어야 합니다</translation>
    </message>
    <message>
        <source>annotation {index} is at {at}, too far out to draw: positions must lie within ±{most}</source>
        <translation>주석 {index}이(가) {at}에 있어 너무 멀어서 그릴 수 없습니다: 위치는 ±{most} 안에 있어야 합니다</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>다른 노드 {count}개</translation>
    </message>
    <message>
        <source>the picture would be {width} × {height} cm, more than TeX can set ({most} cm a side): export it as SVG or PDF instead</source>
        <translation>그림이 {width} × {height} cm가 되어 TeX가 조판할 수 있는 크기(한 변 {most} cm)를 넘습니다: 대신 SVG나 PDF로 내보내세요</translation>
    </message>
    <message>
        <source>{gate} needs vectors or matrices: got {a} and {b}</source>
        <translation>{gate}의 입력은 벡터나 행렬이어야 합니다: 지금은 {a}, {b}입니다</translation>
    </message>
    <message>
        <source>{gate} needs {a}·{want}: got {a} and {b}</source>
        <translation>{gate}에는 {a}·{want} 모양이 필요합니다: 지금은 {a}, {b}입니다</translation>
    </message>
    <message>
        <source>d{port} = {local} · d{out}</source>
        <translation>d{port} = {local} · d{out}</translation>
    </message>
    <message>
        <source>1 if it wins</source>
        <translation>이기면 1</translation>
    </message>
    <message>
        <source>d{port} = d{out} in every element</source>
        <translation>d{port} = 모든 원소에서 d{out}</translation>
    </message>
    <message>
        <source>{shape} = {out} ⊙ {out}</source>
        <translation>{shape} = {out} ⊙ {out}</translation>
    </message>
    <message>
        <source>{shape} = Σ[{out} ⊙ {out}]</source>
        <translation>{shape} = Σ[{out} ⊙ {out}]</translation>
    </message>
    <message>
        <source>{shape} = ones{shape} · scalar</source>
        <translation>{shape} = ones{shape} · 스칼라</translation>
    </message>
    <message>
        <source>{shape} = {out}ᵀ</source>
        <translation>{shape} = {out}ᵀ</translation>
    </message>
    <message>
        <source>{rule}   {shapes}</source>
        <translation>{rule}   {shapes}</translation>
    </message>
    <message>
        <source>{rule} = {value}</source>
        <translation>{rule} = {value}</translation>
    </message>
    <message>
        <source>{first};  {rest}</source>
        <translation>{first};  {rest}</translation>
    </message>
    <message>
        <source>a dict</source>
        <translation>딕셔너리</translation>
    </message>
    <message>
        <source>a set</source>
        <translation>집합</translation>
    </message>
    <message>
        <source>a comprehension</source>
        <translation>컴프리헨션</translation>
    </message>
    <message>
        <source>a generator</source>
        <translation>제너레이터</translation>
    </message>
    <message>
        <source>an f-string</source>
        <translation>f-문자열</translation>
    </message>
    <message>
        <source>a &apos;*&apos; argument</source>
        <translation>&apos;*&apos; 인수</translation>
    </message>
    <message>
        <source>a slice</source>
        <translation>슬라이스</translation>
    </message>
    <message>
        <source>the expression is too long ({length} characters; at most {most})</source>
        <translation>수식이 너무 깁니다 ({length}자, 최대 {most}자)</translation>
    </message>
    <message>
        <source>the expression is nested too deeply</source>
        <translation>수식의 중첩이 너무 깊습니다</translation>
    </message>
    <message>
        <source>the expression is nested too deeply (more than {most} levels)</source>
        <translation>수식의 중첩이 너무 깊습니다 ({most}단계 초과)</translation>
    </message>
    <message>
        <source>the expression is nested too deeply (more than {most} levels; each &apos;@&apos; of a chain is one more level)</source>
        <translation>수식의 중첩이 너무 깊습니다 ({most}단계 초과. 이어진 &apos;@&apos;는 하나마다 한 단계씩 깊어집니다)</translation>
    </message>
    <message>
        <source>&apos;@&apos; multiplies vectors and matrices, not the number {number} (to scale, write *)</source>
        <translation>&apos;@&apos;는 벡터와 행렬을 곱하는 연산자이며 수 {number}에는 쓸 수 없습니다 (상수배는 *로 쓰세요)</translation>
    </message>
    <message>
        <source>attribute access is not allowed (&apos;.{typed}&apos;): the only one is .T, the transpose</source>
        <translation>속성 접근(&apos;.{typed}&apos;)은 쓸 수 없습니다. 쓸 수 있는 것은 전치 .T 하나뿐입니다</translation>
    </message>
    <message>
        <source>&apos;.T&apos; is not a function: write {spelled} without &apos;()&apos;</source>
        <translation>&apos;.T&apos;는 함수가 아닙니다. &apos;()&apos; 없이 {spelled}로 쓰세요</translation>
    </message>
    <message>
        <source>attribute access is not allowed (functions: {allowed})</source>
        <translation>속성 접근은 쓸 수 없습니다 (쓸 수 있는 함수: {allowed})</translation>
    </message>
    <message>
        <source>only the functions {allowed} can be called</source>
        <translation>호출할 수 있는 것은 함수 {allowed}뿐입니다</translation>
    </message>
    <message>
        <source>unknown function &apos;{word}&apos; (allowed: {allowed}); {hint}</source>
        <translation>알 수 없는 함수 &apos;{word}&apos; (쓸 수 있는 것: {allowed}). {hint}</translation>
    </message>
    <message>
        <source>write {instead}</source>
        <translation>대신 {instead}처럼 쓰세요</translation>
    </message>
    <message>
        <source>just use a name</source>
        <translation>이름만 쓰면 됩니다</translation>
    </message>
    <message>
        <source>only x**2 is available</source>
        <translation>거듭제곱은 x**2만 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>&apos;{typed}&apos; reads as &apos;{name}&apos;, which cannot be a variable name</source>
        <translation>&apos;{typed}&apos;은(는) &apos;{name}&apos;(으)로 읽히므로 변수 이름으로 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a function, not a variable: call it, e.g. {example}</source>
        <translation>&apos;{name}&apos;은(는) 변수가 아니라 함수입니다: {example}처럼 호출하세요</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not allowed: constants must be finite numbers</source>
        <translation>&apos;{name}&apos;은(는) 쓸 수 없습니다: 상수는 유한한 수여야 합니다</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a gate name and cannot be a variable name</source>
        <translation>&apos;{name}&apos;은(는) 게이트 이름이므로 변수 이름으로 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>the expression contains a NUL character</source>
        <translation>수식에 NUL 문자가 들어 있습니다</translation>
    </message>
    <message>
        <source>{shown} is not a character (bytes that were not UTF-8?)</source>
        <translation>{shown}은(는) 문자가 아닙니다 (UTF-8이 아닌 바이트였나요?)</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; and &apos;{first}&apos; are different names that Python reads as one (&apos;{name}&apos;); spell them the same or pick another name</source>
        <translation>&apos;{word}&apos;와(과) &apos;{first}&apos;은(는) 서로 다른 이름이지만 Python은 둘 다 &apos;{name}&apos;(으)로 읽습니다. 똑같이 쓰거나 다른 이름을 고르세요</translation>
    </message>
    <message>
        <source>argument</source>
        <translation>인수</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>인수</translation>
    </message>
    <message>
        <source>{function} takes at most {most} {noun}, not {count}</source>
        <translation>{function}에는 {noun}를 {most}개까지만 줄 수 있습니다 (지금 {count}개)</translation>
    </message>
    <message>
        <source>{function} needs {fewest} {noun}, not {count}</source>
        <translation>{function}에는 {noun}가 {fewest}개 필요합니다 (지금 {count}개)</translation>
    </message>
    <message>
        <source>{function} needs at least {fewest} {noun}, not {count}</source>
        <translation>{function}에는 {noun}가 {fewest}개 이상 필요합니다 (지금 {count}개)</translation>
    </message>
    <message>
        <source>keyword arguments are not allowed</source>
        <translation>키워드 인수는 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>&apos;*&apos; arguments are not allowed</source>
        <translation>&apos;*&apos; 인수는 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>&apos;not&apos; is not allowed</source>
        <translation>&apos;not&apos;은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>operator &apos;~&apos; is not allowed</source>
        <translation>연산자 &apos;~&apos;은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>text is not allowed; write a number or a name</source>
        <translation>문자열은 쓸 수 없습니다. 숫자나 이름을 쓰세요</translation>
    </message>
    <message>
        <source>complex numbers are not allowed</source>
        <translation>복소수는 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>the number is too large (constants must be finite)</source>
        <translation>수가 너무 큽니다 (상수는 유한한 수여야 합니다)</translation>
    </message>
    <message>
        <source>invalid syntax</source>
        <translation>문법에 맞지 않습니다</translation>
    </message>
    <message>
        <source>invalid syntax. Perhaps you forgot a comma?</source>
        <translation>문법에 맞지 않습니다. 쉼표를 빠뜨리지 않았나요?</translation>
    </message>
    <message>
        <source>&apos;{bracket}&apos; was never closed</source>
        <translation>여는 괄호 &apos;{bracket}&apos;을(를) 닫지 않았습니다</translation>
    </message>
    <message>
        <source>unmatched &apos;{bracket}&apos;</source>
        <translation>&apos;{bracket}&apos;과(와) 짝이 맞는 여는 괄호가 없습니다</translation>
    </message>
    <message>
        <source>closing parenthesis &apos;{closing}&apos; does not match opening parenthesis &apos;{opening}&apos;</source>
        <translation>닫는 괄호 &apos;{closing}&apos;이(가) 여는 괄호 &apos;{opening}&apos;과(와) 짝이 맞지 않습니다</translation>
    </message>
    <message>
        <source>invalid decimal literal</source>
        <translation>숫자를 잘못 썼습니다 (올바른 십진수가 아닙니다)</translation>
    </message>
    <message>
        <source>invalid character &apos;{char}&apos; (U+{hex})</source>
        <translation>쓸 수 없는 문자 &apos;{char}&apos; (U+{hex})입니다</translation>
    </message>
    <message>
        <source>invalid non-printable character U+{hex}</source>
        <translation>보이지 않는 문자 U+{hex}은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>unterminated string literal (detected at line {line})</source>
        <translation>문자열이 닫히지 않았습니다 ({line}행)</translation>
    </message>
    <message>
        <source>unterminated triple-quoted string literal (detected at line {line})</source>
        <translation>세 따옴표 문자열이 닫히지 않았습니다 ({line}행)</translation>
    </message>
    <message>
        <source>unexpected character after line continuation character</source>
        <translation>줄 잇기 문자(\) 뒤에 다른 문자가 있습니다</translation>
    </message>
    <message>
        <source>invalid hexadecimal literal</source>
        <translation>16진수를 잘못 썼습니다</translation>
    </message>
    <message>
        <source>invalid octal literal</source>
        <translation>8진수를 잘못 썼습니다</translation>
    </message>
    <message>
        <source>invalid binary literal</source>
        <translation>2진수를 잘못 썼습니다</translation>
    </message>
    <message>
        <source>invalid digit &apos;{digit}&apos; in octal literal</source>
        <translation>8진수에 쓸 수 없는 숫자 &apos;{digit}&apos;이(가) 있습니다</translation>
    </message>
    <message>
        <source>invalid digit &apos;{digit}&apos; in binary literal</source>
        <translation>2진수에 쓸 수 없는 숫자 &apos;{digit}&apos;이(가) 있습니다</translation>
    </message>
    <message>
        <source>leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers</source>
        <translation>십진 정수는 0으로 시작할 수 없습니다 (8진수는 0o를 붙여 쓰세요)</translation>
    </message>
    <message>
        <source>Missing parentheses in call to &apos;print&apos;. Did you mean print(...)?</source>
        <translation>&apos;print&apos;를 괄호 없이 호출했습니다. print(...)로 쓰려던 것인가요?</translation>
    </message>
    <message>
        <source>expected &apos;else&apos; after &apos;if&apos; expression</source>
        <translation>&apos;if&apos; 식에는 &apos;else&apos;가 있어야 합니다</translation>
    </message>
    <message>
        <source>positional argument follows keyword argument</source>
        <translation>키워드 인수 뒤에 위치 인수가 올 수 없습니다</translation>
    </message>
    <message>
        <source>Generator expression must be parenthesized</source>
        <translation>제너레이터 식은 괄호로 감싸야 합니다</translation>
    </message>
    <message>
        <source>iterable argument unpacking follows keyword argument unpacking</source>
        <translation>&apos;**&apos; 인수 뒤에 &apos;*&apos; 인수가 올 수 없습니다</translation>
    </message>
    <message>
        <source>unexpected indent</source>
        <translation>들여쓰기가 있으면 안 됩니다</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value}은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{gate} gate &apos;{node}&apos; has no input wired</source>
        <translation>{gate} 게이트 &apos;{node}&apos;에 연결된 입력이 없습니다</translation>
    </message>
    <message>
        <source>{gate} gate &apos;{node}&apos; needs at least {least} inputs, has {count}</source>
        <translation>{gate} 게이트 &apos;{node}&apos;에는 입력이 {least}개 이상 필요한데 {count}개입니다</translation>
    </message>
    <message>
        <source>{gate} gate &apos;{node}&apos; has no input port {port}</source>
        <translation>{gate} 게이트 &apos;{node}&apos;에는 입력 포트 {port}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{gate} gate &apos;{node}&apos; needs {most} inputs, has {count}</source>
        <translation>{gate} 게이트 &apos;{node}&apos;에는 입력이 {most}개 필요한데 {count}개입니다</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; depends on &apos;{source}&apos;, which is undefined</source>
        <translation>&apos;{node}&apos;은(는) 정의되지 않은 &apos;{source}&apos;에 의존합니다</translation>
    </message>
    <message>
        <source>the output &apos;{node}&apos; is undefined: {why}</source>
        <translation>출력 &apos;{node}&apos;이(가) 정의되지 않았습니다: {why}</translation>
    </message>
    <message>
        <source>the circuit is empty</source>
        <translation>회로가 비어 있습니다</translation>
    </message>
    <message>
        <source>{count} nodes have no outgoing wire and none is marked as the output; choose one with &apos;Set as output&apos;</source>
        <translation>나가는 연결선이 없는 노드가 {count}개인데 출력으로 지정된 것이 없습니다. [출력으로 지정]으로 하나를 고르세요</translation>
    </message>
</context>
<context>
    <name>examples</name>
    <message>
        <source>Add multiply</source>
        <translation>덧셈과 곱셈</translation>
    </message>
    <message>
        <source>Matmul wx</source>
        <translation>행렬 곱 Wx</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>뉴런</translation>
    </message>
    <message>
        <source>Neuron expanded</source>
        <translation>뉴런 (풀어 쓴 것)</translation>
    </message>
    <message>
        <source>Neuron layer</source>
        <translation>뉴런 층</translation>
    </message>
    <message>
        <source>Pattern add distributes</source>
        <translation>패턴: 덧셈은 분배</translation>
    </message>
    <message>
        <source>Pattern fork adds</source>
        <translation>패턴: 갈림길은 더하기</translation>
    </message>
    <message>
        <source>Pattern max routes</source>
        <translation>패턴: 최댓값은 라우팅</translation>
    </message>
    <message>
        <source>Pattern max tie</source>
        <translation>패턴: 최댓값 동점</translation>
    </message>
    <message>
        <source>Pattern multiply swaps</source>
        <translation>패턴: 곱셈은 교환</translation>
    </message>
    <message>
        <source>Sigmoid grouped vs expanded</source>
        <translation>시그모이드: 묶은 것과 펼친 것</translation>
    </message>
    <message>
        <source>Staged</source>
        <translation>단계별 코드</translation>
    </message>
    <message>
        <source>Two layer relu</source>
        <translation>2층 ReLU</translation>
    </message>
</context>
<context>
    <name>gates</name>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Inputs are leaves; their gradient says how f changes when you nudge them.</source>
        <translation>입력은 잎 노드입니다. 입력의 기울기는 그 값을 살짝 바꿀 때 f가 얼마나 변하는지 알려 줍니다.</translation>
    </message>
    <message>
        <source>a leaf: you set its value</source>
        <translation>잎 노드: 값을 직접 정합니다</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>덧셈</translation>
    </message>
    <message>
        <source>Add distributes: every input gets the upstream gradient unchanged.</source>
        <translation>덧셈은 분배합니다: 모든 입력이 상류 기울기를 그대로 받습니다.</translation>
    </message>
    <message>
        <source>∂(a+b)/∂a = 1</source>
        <translation>∂(a+b)/∂a = 1</translation>
    </message>
    <message>
        <source>distributes</source>
        <translation>분배</translation>
    </message>
    <message>
        <source>Multiply</source>
        <translation>곱셈</translation>
    </message>
    <message>
        <source>Multiply swaps: each input gets the product of the others × upstream.</source>
        <translation>곱셈은 교환합니다: 각 입력은 나머지 입력들의 곱 × 상류 기울기를 받습니다.</translation>
    </message>
    <message>
        <source>∂(a·b)/∂a = b</source>
        <translation>∂(a·b)/∂a = b</translation>
    </message>
    <message>
        <source>swaps</source>
        <translation>교환</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>최댓값</translation>
    </message>
    <message>
        <source>Max routes: the larger input gets all of the gradient, the others 0.</source>
        <translation>최댓값은 라우팅합니다: 더 큰 입력이 기울기를 모두 받고, 나머지는 0을 받습니다.</translation>
    </message>
    <message>
        <source>∂max/∂a = 1 if a wins, else 0 (ties share)</source>
        <translation>∂max/∂a = a가 최대이면 1, 아니면 0 (같으면 나눠 가짐)</translation>
    </message>
    <message>
        <source>routes</source>
        <translation>라우팅</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>시그모이드</translation>
    </message>
    <message>
        <source>A compound gate with a simple local gradient: σ(1−σ).</source>
        <translation>국소 기울기가 간단한 복합 게이트: σ(1−σ).</translation>
    </message>
    <message>
        <source>∂σ(x)/∂x = σ(x)·(1−σ(x))</source>
        <translation>∂σ(x)/∂x = σ(x)·(1−σ(x))</translation>
    </message>
    <message>
        <source>Exp</source>
        <translation>지수</translation>
    </message>
    <message>
        <source>The exponential is its own derivative.</source>
        <translation>지수 함수는 미분해도 자기 자신입니다.</translation>
    </message>
    <message>
        <source>∂eˣ/∂x = eˣ</source>
        <translation>∂eˣ/∂x = eˣ</translation>
    </message>
    <message>
        <source>Reciprocal</source>
        <translation>역수</translation>
    </message>
    <message>
        <source>Divisions are multiplications by a reciprocal.</source>
        <translation>나눗셈은 역수를 곱하는 것입니다.</translation>
    </message>
    <message>
        <source>∂(1/x)/∂x = −1/x²</source>
        <translation>∂(1/x)/∂x = −1/x²</translation>
    </message>
    <message>
        <source>Square</source>
        <translation>제곱</translation>
    </message>
    <message>
        <source>The square&apos;s local gradient is 2x.</source>
        <translation>제곱의 국소 기울기는 2x입니다.</translation>
    </message>
    <message>
        <source>∂x²/∂x = 2x</source>
        <translation>∂x²/∂x = 2x</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>상수배</translation>
    </message>
    <message>
        <source>Scaling by c scales the gradient by c.</source>
        <translation>c배 하면 기울기도 c배가 됩니다.</translation>
    </message>
    <message>
        <source>∂(c·x)/∂x = c</source>
        <translation>∂(c·x)/∂x = c</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>상수 더하기</translation>
    </message>
    <message>
        <source>Adding a constant passes the gradient through unchanged.</source>
        <translation>상수를 더하면 기울기는 그대로 통과합니다.</translation>
    </message>
    <message>
        <source>∂(x+c)/∂x = 1</source>
        <translation>∂(x+c)/∂x = 1</translation>
    </message>
    <message>
        <source>Matrix multiply</source>
        <translation>행렬 곱</translation>
    </message>
    <message>
        <source>Let the shapes tell you: dW = dD·Xᵀ has W&apos;s shape, dX = Wᵀ·dD has X&apos;s.</source>
        <translation>모양이 알려 줍니다: dW = dD·Xᵀ는 W의 모양, dX = Wᵀ·dD는 X의 모양입니다.</translation>
    </message>
    <message>
        <source>dA = dD·Bᵀ,  dB = Aᵀ·dD</source>
        <translation>dA = dD·Bᵀ,  dB = Aᵀ·dD</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>합</translation>
    </message>
    <message>
        <source>Sum distributes: every element gets the upstream gradient unchanged.</source>
        <translation>합은 분배합니다: 모든 원소가 상류 기울기를 그대로 받습니다.</translation>
    </message>
    <message>
        <source>∂(Σx)/∂xᵢ = 1</source>
        <translation>∂(Σx)/∂xᵢ = 1</translation>
    </message>
    <message>
        <source>Transpose</source>
        <translation>전치</translation>
    </message>
    <message>
        <source>Transposing the value transposes its gradient.</source>
        <translation>값을 전치하면 기울기도 전치됩니다.</translation>
    </message>
    <message>
        <source>d(Xᵀ) = (dD)ᵀ</source>
        <translation>d(Xᵀ) = (dD)ᵀ</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>ReLU routes: the gradient passes where x &gt; 0 and stops elsewhere.</source>
        <translation>ReLU는 라우팅합니다: x &gt; 0인 곳에서는 기울기가 통과하고, 나머지에서는 멈춥니다.</translation>
    </message>
    <message>
        <source>∂max(0,x)/∂x = 1 if x &gt; 0, else 0 (0 at x = 0)</source>
        <translation>∂max(0,x)/∂x = x &gt; 0이면 1, 아니면 0 (x = 0에서는 0)</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>Like σ, a squashing gate whose local gradient comes from its own output.</source>
        <translation>σ처럼 값을 눌러 담는 게이트로, 국소 기울기를 자기 출력으로 구합니다.</translation>
    </message>
    <message>
        <source>∂tanh(x)/∂x = 1 − tanh²(x)</source>
        <translation>∂tanh(x)/∂x = 1 − tanh²(x)</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>거듭제곱</translation>
    </message>
    <message>
        <source>The power rule: c·x^(c−1); micrograd&apos;s ** (and its / as ·x⁻¹).</source>
        <translation>거듭제곱 법칙: c·x^(c−1). micrograd의 ** (그리고 ·x⁻¹로 쓰는 /).</translation>
    </message>
    <message>
        <source>∂xᶜ/∂x = c·xᶜ⁻¹</source>
        <translation>∂xᶜ/∂x = c·xᶜ⁻¹</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>A compound gate: its backward pass is its parts&apos; backward passes, so the numbers around it are those of its parts.</source>
        <translation>복합 게이트: 역전파는 그 안의 부품들의 역전파이므로, 주변의 숫자는 부품들의 숫자와 같습니다.</translation>
    </message>
    <message>
        <source>the local gradients of its parts, chained inside</source>
        <translation>부품들의 국소 기울기를 안에서 연쇄한 것</translation>
    </message>
</context>
<context>
    <name>themes</name>
    <message>
        <source>Light (the notes&apos; look)</source>
        <translation>밝게 (강의 노트 느낌)</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Projector (high contrast)</source>
        <translation>프로젝터 (고대비)</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
</context>
</TS>
