<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
  <context>
    <name>convviz</name>
    <message>
      <location filename="../../convviz/core/padding.py" line="286" />
      <source> on axis {axis}</source>
      <translation> (축 {axis})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="15" />
      <source>&amp;File</source>
      <translation>파일(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="79" />
      <source>&amp;Help</source>
      <translation>도움말(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_lessons.py" line="25" />
      <source>&amp;Lessons</source>
      <translation>강의 예제(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_open.py" line="44" />
      <source>&amp;Network</source>
      <translation>네트워크(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="17" />
      <source>&amp;Open input…</source>
      <translation>입력 열기(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="33" />
      <source>&amp;Quit</source>
      <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="21" />
      <source>&amp;Save session…</source>
      <translation>세션 저장(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="70" />
      <source>&amp;Train</source>
      <translation>학습(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="35" />
      <source>&amp;View</source>
      <translation>보기(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="375" />
      <source>'SAME' at stride 1 pads differently from 'SAME' at the real stride</source>
      <translation>스트라이드 1의 'SAME'은 실제 스트라이드의 'SAME'과 패딩이 다릅니다</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="443" />
      <source>'SAME' average: divides by the real cells</source>
      <translation>'SAME' 평균: 실제 칸 수로만 나눕니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="104" />
      <source>'same' as</source>
      <translation>'same' 방식</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="251" />
      <source>'same' centered: the extra padding cell before</source>
      <translation>'same' 가운데 정렬: 남는 패딩 칸은 앞쪽에</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="318" />
      <source>'same' pooling</source>
      <translation>'same' 풀링</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="250" />
      <source>'same' with the extra padding cell after, as in TensorFlow</source>
      <translation>'same', 남는 패딩 칸은 TensorFlow처럼 뒤쪽에</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="27" />
      <source>'same': TensorFlow | centered</source>
      <translation>'same': TensorFlow | 가운데 정렬</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="186" />
      <source>'{padding}' padding</source>
      <translation>'{padding}' 패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="118" />
      <source>(batch, H, W, C); a 1D signal is one row</source>
      <translation>(batch, H, W, C); 1D 신호는 한 행</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="106" />
      <source>({n} channels)</source>
      <translation>(채널 {n}개)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="111" />
      <source>+</source>
      <translation>+</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="165" />
      <source>0 / 0</source>
      <translation>0 / 0</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="36" />
      <source>1D signal mode</source>
      <translation>1차원 신호 모드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="377" />
      <source>1×1 (pointwise)</source>
      <translation>1×1 (점별, pointwise)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="28" />
      <source>28×28 canvas (draw a digit)</source>
      <translation>28×28 캔버스 (숫자 그리기)</translation>
    </message>
    <message>
      <location filename="../../convviz/core/padding.py" line="288" />
      <source>; use 'same' or 'full' padding</source>
      <translation>. 'same' 또는 'full' 패딩을 쓰세요</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="282" />
      <source>&lt;b&gt;Confusion matrix&lt;/b&gt;: how many test images of each true class (rows) were predicted as each class (columns).</source>
      <translation>&lt;b&gt;혼동 행렬&lt;/b&gt;: 실제 클래스(행)별 테스트 이미지가 각 클래스(열)로 몇 개 예측되었는지 보여 줍니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_live.py" line="54" />
      <source>&lt;b&gt;First-layer filters&lt;/b&gt; (one shared diverging scale)</source>
      <translation>&lt;b&gt;첫 번째 층 필터&lt;/b&gt; (공통 발산형 색 척도)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="83" />
      <source>&lt;b&gt;Test accuracy {accuracy}&lt;/b&gt; · test loss {loss}</source>
      <translation>&lt;b&gt;테스트 정확도 {accuracy}&lt;/b&gt; · 테스트 손실 {loss}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_live.py" line="55" />
      <source>&lt;b&gt;conv → ReLU → pool&lt;/b&gt; of test image</source>
      <translation>테스트 이미지의 &lt;b&gt;합성곱 → ReLU → 풀링&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="129" />
      <source>= size</source>
      <translation>= 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="104" />
      <source>A Fashion-MNIST test image (the number beside it says which)</source>
      <translation>Fashion-MNIST 테스트 이미지 (옆의 숫자가 몇 번째인지 정합니다)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="105" />
      <source>A GIF of these frames would take {size}, over the {budget} memory budget: fewer frames, a smaller frame size, or MP4.</source>
      <translation>이 프레임들의 GIF는 {size}를 차지해 메모리 한도 {budget}를 넘습니다. 프레임 수를 줄이거나, 프레임 크기를 줄이거나, MP4로 내보내세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="112" />
      <source>A directory of IDX files, an .npz file or a folder of class folders</source>
      <translation>IDX 파일이 있는 디렉터리, .npz 파일, 또는 클래스별 폴더를 담은 폴더</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="123" />
      <source>A parameter-free Rescaling layer first: the training images get mean 0 and standard deviation 1</source>
      <translation>파라미터 없는 Rescaling 층을 맨 앞에 둡니다: 학습 이미지의 평균은 0, 표준편차는 1이 됩니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="80" />
      <source>About convviz</source>
      <translation>convviz 정보</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="147" />
      <source>Activation</source>
      <translation>활성화 함수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="45" />
      <source>Actual size</source>
      <translation>실제 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="207" />
      <source>Add a filter (up to {n})</source>
      <translation>필터 추가 (최대 {n}개)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="157" />
      <source>Added to every output cell of this filter</source>
      <translation>이 필터의 모든 출력 칸에 더해집니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="108" />
      <source>All ones (L = Σ Y)</source>
      <translation>모두 1 (L = Σ Y)</translation>
    </message>
    <message>
      <location filename="../../convviz/model/export_actions.py" line="218" />
      <source>Animation export failed: {message}</source>
      <translation>애니메이션 내보내기 실패: {message}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="20" />
      <source>Ankle boot</source>
      <translation>앵클 부츠</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="187" />
      <source>Apply the step</source>
      <translation>이 스텝 적용</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="220" />
      <source>Arrays (*.npy *.csv *.txt)</source>
      <translation>배열 (*.npy *.csv *.txt)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="139" />
      <source>As a matrix product</source>
      <translation>행렬 곱으로</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="142" />
      <source>Back through the layer</source>
      <translation>층을 거슬러 전파</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_tab.py" line="20" />
      <source>Backward</source>
      <translation>역전파</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="140" />
      <source>Backward (tf.GradientTape)</source>
      <translation>역전파 (tf.GradientTape)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="20" />
      <source>Bag</source>
      <translation>가방</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="130" />
      <source>Batch size</source>
      <translation>배치 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="158" />
      <source>Bias</source>
      <translation>편향</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="139" />
      <source>Boundary</source>
      <translation>경계 처리</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="22" />
      <source>Box blur</source>
      <translation>평균 블러</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="44" />
      <source>Browse…</source>
      <translation>찾아보기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="63" />
      <source>Built-in samples</source>
      <translation>내장 예제</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="50" />
      <source>CONVVIZ_MEMORY_BUDGET must be a positive size, got {raw!r}</source>
      <translation>CONVVIZ_MEMORY_BUDGET은 양수 크기여야 합니다. 받은 값: {raw!r}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="46" />
      <source>CONVVIZ_MEMORY_BUDGET={raw!r} is not a size such as 2G or 512M</source>
      <translation>CONVVIZ_MEMORY_BUDGET={raw!r}은 2G나 512M 같은 크기가 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/export_actions.py" line="86" />
      <source>Cancel</source>
      <translation>취소</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_readout.py" line="38" />
      <source>Cannot compute:</source>
      <translation>계산할 수 없습니다:</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="121" />
      <source>Channel slice being edited (RGB input)</source>
      <translation>편집 중인 채널 (RGB 입력)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="291" />
      <source>Channel {name}</source>
      <translation>채널 {name}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="146" />
      <source>Channels</source>
      <translation>채널</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="29" />
      <source>Checkerboard</source>
      <translation>체커보드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="166" />
      <source>Choose a dataset path (an .npz, a directory of IDX files, or class folders).</source>
      <translation>데이터셋 경로를 선택하세요 (.npz, IDX 파일 폴더 또는 클래스별 폴더).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="93" />
      <source>Choose a file.</source>
      <translation>파일을 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="57" />
      <source>Clear</source>
      <translation>모두 지우기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_unit.py" line="35" />
      <source>Click a unit in the maps or the bars to see its arithmetic and its receptive field.</source>
      <translation>맵이나 막대의 유닛을 클릭하면 그 계산과 수용 영역이 보입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="128" />
      <source>Close</source>
      <translation>닫기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="19" />
      <source>Coat</source>
      <translation>코트</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="143" />
      <source>Code</source>
      <translation>코드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="132" />
      <source>Code for</source>
      <translation>코드 대상</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="133" />
      <source>Code for this filter of the bank</source>
      <translation>필터 뱅크 중 이 필터의 코드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_map_view.py" line="100" />
      <source>Colour scale per map</source>
      <translation>맵마다 색 범위</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="60" />
      <source>Columns</source>
      <translation>열</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="83" />
      <source>Compare</source>
      <translation>비교</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="133" />
      <source>Computing the layers…</source>
      <translation>층을 계산하는 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="71" />
      <source>Convolution (kernel flipped)</source>
      <translation>합성곱 (커널 뒤집기)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="74" />
      <source>Convolution matrix</source>
      <translation>합성곱 행렬</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="68" />
      <source>Convolution steps</source>
      <translation>합성곱 단계</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="80" />
      <source>Convolution: turn the kernel 180° on screen before it slides (also when playing from the first step)</source>
      <translation>합성곱: 커널이 미끄러지기 전에 화면에서 180° 돌려 보여 줍니다 (첫 단계부터 재생할 때도)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_map_view.py" line="446" />
      <source>Copy F{n} image</source>
      <translation>F{n} 이미지 복사</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_map_view.py" line="444" />
      <source>Copy channel {c} image</source>
      <translation>채널 {c} 이미지 복사</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="33" />
      <source>Copy the NumPy / SciPy code</source>
      <translation>NumPy / SciPy 코드 복사</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="33" />
      <source>Copy the TensorFlow code</source>
      <translation>TensorFlow 코드 복사</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="30" />
      <source>Copy the backward pass's code</source>
      <translation>역전파 코드 복사</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="32" />
      <source>Copy the matrix product's code</source>
      <translation>행렬 곱 코드 복사</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="120" />
      <source>Cosine: the learning rate falls smoothly to 0 by the last batch (keras CosineDecay)</source>
      <translation>코사인: 학습률이 마지막 배치까지 0으로 부드럽게 줄어듭니다 (keras CosineDecay)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="343" />
      <source>Could not save {path}: {error}</source>
      <translation>{path}을(를) 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="201" />
      <source>Could not save {path}: {message}</source>
      <translation>{path}을(를) 저장하지 못했습니다: {message}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/export_actions.py" line="98" />
      <source>Could not write to {path}: {error}</source>
      <translation>{path}에 쓰지 못했습니다: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_maps.py" line="196" />
      <source>Could not write {path}: {error}</source>
      <translation>{path}을(를) 쓰지 못했습니다: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="71" />
      <source>Cross-correlation (CNN layers)</source>
      <translation>교차상관 (CNN 층)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="141" />
      <source>Curves PNG…</source>
      <translation>곡선 PNG…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/theme.py" line="26" />
      <source>Dark</source>
      <translation>어둡게</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="32" />
      <source>Dashed cells are padding ({boundary}: their values come from the boundary mode).</source>
      <translation>점선 칸은 패딩입니다({boundary}: 값은 경계 처리 방식이 정합니다).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="126" />
      <source>Data</source>
      <translation>데이터</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="126" />
      <source>Dataset</source>
      <translation>데이터셋</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="168" />
      <source>Dataset directory</source>
      <translation>데이터셋 폴더</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="128" />
      <source>Dense units</source>
      <translation>Dense 유닛 수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="378" />
      <source>Depthwise</source>
      <translation>깊이별 (depthwise)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="378" />
      <source>Depthwise + 1×1 (separable)</source>
      <translation>깊이별 + 1×1 (분리형, separable)</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="72" />
      <source>Depthwise: F{n} reads channel {channels} only (one channel per filter).</source>
      <translation>깊이별: F{n}은(는) {channels} 채널만 읽습니다 (필터마다 채널 하나).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="142" />
      <source>Dilation</source>
      <translation>팽창(dilation)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="148" />
      <source>Divide by the sum (or by max |w| when the sum is 0)</source>
      <translation>합으로 나눕니다 (합이 0이면 최대 |w|로)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="19" />
      <source>Dress</source>
      <translation>드레스</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="128" />
      <source>Dropout</source>
      <translation>드롭아웃</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="452" />
      <source>Each dW cell: the padded input under dY's cells, dY's cells {stride} apart (the stride), sliding {dilation} per step (the dilation).</source>
      <translation>dW의 각 칸: dY의 칸 아래에 놓인 (패딩된) 입력과 dY의 곱의 합. dY의 칸은 {stride}칸 간격(스트라이드)이고, 한 단계에 {dilation}칸씩 이동합니다(팽창).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="44" />
      <source>Each input cell stamps input × kernel onto the output, stride cells apart, and the stamps add up (Keras Conv2DTranspose). 'same' and explicit padding crop cells from the stamps' edges.</source>
      <translation>입력 칸마다 입력 × 커널을 출력에 찍습니다. 찍는 자리는 스트라이드만큼 떨어지고, 겹치는 곳은 더해집니다 (Keras Conv2DTranspose). 'same'과 직접 지정한 패딩은 찍힌 범위의 가장자리 칸을 잘라 냅니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_map_view.py" line="101" />
      <source>Each map on its own colour scale (with its own bar) instead of one scale shared by all maps</source>
      <translation>모든 맵이 하나의 색 범위를 함께 쓰는 대신, 맵마다 자기 색 범위(와 색 막대)를 씁니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="156" />
      <source>Each program runs as it is: copy it into Python or a notebook. It defines &lt;b&gt;x&lt;/b&gt; (the input, {shape}), &lt;b&gt;w&lt;/b&gt; (the kernel of filter {n}, {kernel}) and &lt;b&gt;b&lt;/b&gt; (its bias, {bias}), and leaves the feature map in &lt;b&gt;out&lt;/b&gt; and, with pooling, the pooled map in &lt;b&gt;pooled&lt;/b&gt;.</source>
      <translation>각 프로그램은 그대로 실행됩니다. Python이나 노트북에 복사해 붙여 넣으세요. &lt;b&gt;x&lt;/b&gt;(입력, {shape}), &lt;b&gt;w&lt;/b&gt;(필터 {n}의 커널, {kernel}), &lt;b&gt;b&lt;/b&gt;(그 편향, {bias})를 정의하고, 특성 맵은 &lt;b&gt;out&lt;/b&gt;에, 풀링을 쓰면 풀링된 맵은 &lt;b&gt;pooled&lt;/b&gt;에 남깁니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="24" />
      <source>Edge (8-neighbour)</source>
      <translation>경계 검출 (8방향)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="26" />
      <source>Emboss</source>
      <translation>엠보스</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/i18n.py" line="14" />
      <source>English</source>
      <translation>English</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="130" />
      <source>Epochs</source>
      <translation>에포크</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="75" />
      <source>Equivalent correlation (zeros inserted)</source>
      <translation>같은 결과의 교차상관 (0 끼워 넣기)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="55" />
      <source>Eraser</source>
      <translation>지우개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="126" />
      <source>Explore the lecture's model</source>
      <translation>강의 모델 살펴보기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="131" />
      <source>Explore this model</source>
      <translation>이 모델 살펴보기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="106" />
      <source>Explorer's input</source>
      <translation>탐색기의 입력</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="70" />
      <source>Export</source>
      <translation>내보내기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="363" />
      <source>Export PNG</source>
      <translation>PNG로 내보내기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="38" />
      <source>Export animation</source>
      <translation>애니메이션 내보내기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="30" />
      <source>Export animation…</source>
      <translation>애니메이션 내보내기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="29" />
      <source>Export contact sheet…</source>
      <translation>요약 시트 내보내기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="28" />
      <source>Export feature maps…</source>
      <translation>특성 맵 내보내기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="31" />
      <source>Export step view as SVG…</source>
      <translation>단계 화면을 SVG로 내보내기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="119" />
      <source>Extra output cells at the end (Keras output_padding): less than the stride</source>
      <translation>출력 끝에 더하는 칸 수 (Keras output_padding): 스트라이드보다 작아야 합니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_live.py" line="70" />
      <source>F1 … F{n}  (row by row, {columns} per row)</source>
      <translation>F1 … F{n}  (한 줄에 {columns}개씩)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="13" />
      <source>Fashion-MNIST</source>
      <translation>Fashion-MNIST</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_load.py" line="128" />
      <source>Fashion-MNIST is not installed here (Debian/Ubuntu: apt-get install dataset-fashion-mnist).</source>
      <translation>이 컴퓨터에는 Fashion-MNIST가 설치되어 있지 않습니다 (Debian/Ubuntu: apt-get install dataset-fashion-mnist).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="323" />
      <source>Fashion-MNIST test image {i} ({name})</source>
      <translation>Fashion-MNIST 테스트 이미지 {i} ({name})</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="268" />
      <source>Fashion-MNIST was not found offline: install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), pass --data-dir DIR holding the four IDX .gz files, or put them in {folder}</source>
      <translation>오프라인에서 Fashion-MNIST를 찾지 못했습니다. Debian의 dataset-fashion-mnist를 설치하거나(apt-get install dataset-fashion-mnist), IDX .gz 파일 네 개가 든 폴더를 --data-dir DIR로 지정하거나, 그 파일들을 {folder}에 두세요</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="53" />
      <source>Feature maps</source>
      <translation>특성 맵</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="49" />
      <source>File</source>
      <translation>파일</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="285" />
      <source>Filter {n}</source>
      <translation>필터 {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="477" />
      <source>Filter {n}'s share: dX adds every filter's.</source>
      <translation>필터 {n}의 몫입니다. dX는 모든 필터의 몫을 더한 것입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="126" />
      <source>Filters</source>
      <translation>필터 수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="140" />
      <source>Filters PNG…</source>
      <translation>필터 PNG…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="110" />
      <source>Filters of the bank</source>
      <translation>필터 뱅크의 필터</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="81" />
      <source>Finished: {seconds} s fitting, {n} images per epoch.</source>
      <translation>완료: 학습 {seconds}초, 에포크당 이미지 {n}개.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="16" />
      <source>First step (Home)</source>
      <translation>첫 단계 (Home)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="149" />
      <source>Flip 180°</source>
      <translation>180° 뒤집기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="53" />
      <source>Frame rate</source>
      <translation>프레임 속도</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="60" />
      <source>Frame size</source>
      <translation>프레임 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="109" />
      <source>From a file…</source>
      <translation>파일에서…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="22" />
      <source>Gaussian 3×3</source>
      <translation>가우시안 3×3</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="23" />
      <source>Gaussian 5×5</source>
      <translation>가우시안 5×5</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="257" />
      <source>Grad-CAM</source>
      <translation>Grad-CAM</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="120" />
      <source>Gradients</source>
      <translation>그래디언트</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="62" />
      <source>Gray</source>
      <translation>흑백</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="61" />
      <source>Grayscale (1 channel) or RGB (3 channels)</source>
      <translation>흑백 (1채널) 또는 RGB (3채널)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="377" />
      <source>Grouped</source>
      <translation>그룹 (grouped)</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="74" />
      <source>Grouped: F{n} sums channels {channels} only (group {group} of {groups}).</source>
      <translation>그룹: F{n}은(는) {channels} 채널만 더합니다 (그룹 {groups}개 중 {group}번째).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="28" />
      <source>Horizontal line 7×7 (lecture)</source>
      <translation>가로선 7×7 (강의)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="230" />
      <source>Hover over an image to see its true and predicted classes; click it to open it on the Predict tab.</source>
      <translation>이미지 위에 마우스를 올리면 실제 클래스와 예측 클래스가 보입니다. 클릭하면 예측 탭에서 열립니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_readout.py" line="32" />
      <source>Hover over any output cell to see its receptive field on the input and the sum that makes it. Click it to step through it. Draw on the input with the mouse (right button erases); click a kernel cell and type to edit it.</source>
      <translation>출력 칸 위에 마우스를 올리면 입력의 수용 영역과 그 값을 만드는 합이 보입니다. 클릭하면 단계별로 살펴볼 수 있습니다. 입력에는 마우스로 그리고(오른쪽 버튼은 지우기), 커널 칸을 클릭해 값을 입력하세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="22" />
      <source>Identity</source>
      <translation>항등</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/settings.py" line="53" />
      <source>Ignored settings that were not valid (their defaults are used): {keys}.</source>
      <translation>올바르지 않은 설정을 무시했습니다 (기본값을 사용합니다): {keys}.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="294" />
      <source>Images and matrices</source>
      <translation>이미지와 행렬</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="98" />
      <source>Input</source>
      <translation>입력</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="99" />
      <source>Input (left: draw, right: erase)</source>
      <translation>입력 (왼쪽: 그리기, 오른쪽: 지우기)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="175" />
      <source>Input signal</source>
      <translation>입력 신호</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="146" />
      <source>Integers from -2 to 2</source>
      <translation>-2에서 2 사이의 정수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="58" />
      <source>Invert</source>
      <translation>반전</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="475" />
      <source>Its 'filters' are the input's channels: filter 1, 2, 3 give dX's R, G, B.</source>
      <translation>여기서 '필터'는 입력의 채널입니다: 필터 1, 2, 3이 dX의 R, G, B입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="329" />
      <source>Keras models (*.keras)</source>
      <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="124" />
      <source>Kernel</source>
      <translation>커널</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="120" />
      <source>Kernel columns</source>
      <translation>커널 열 수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="142" />
      <source>Kernel presets</source>
      <translation>커널 프리셋</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="119" />
      <source>Kernel rows</source>
      <translation>커널 행 수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="127" />
      <source>Kernel size</source>
      <translation>커널 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="371" />
      <source>Kernel text: {error}</source>
      <translation>커널 입력: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="104" />
      <source>Kernels</source>
      <translation>커널</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="196" />
      <source>L = mean (Y - T)²: dL/dY = 2 (Y - T) / n</source>
      <translation>L = mean (Y - T)²: dL/dY = 2 (Y - T) / n</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="188" />
      <source>L = Σ Y: every upstream gradient dL/dY is 1</source>
      <translation>L = Σ Y: 상류 그래디언트 dL/dY는 모두 1</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="191" />
      <source>L = Σ dY ⊙ Y: its gradient dL/dY is dY, the upstream file</source>
      <translation>L = Σ dY ⊙ Y: 그래디언트 dL/dY는 상류 파일의 dY</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="58" />
      <source>Language</source>
      <translation>언어</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="23" />
      <source>Laplacian</source>
      <translation>라플라시안</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="130" />
      <source>Large type (full screen)</source>
      <translation>큰 글씨 (전체 화면)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="16" />
      <source>Last step (End)</source>
      <translation>마지막 단계 (End)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="82" />
      <source>Layer (type)</source>
      <translation>층 (종류)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="207" />
      <source>Layer {index} ({name}), unit ({unit})</source>
      <translation>층 {index} ({name}), 유닛 ({unit})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="182" />
      <source>Learning rate</source>
      <translation>학습률</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="27" />
      <source>Lecture 3×3 'X'</source>
      <translation>강의 3×3 'X'</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="27" />
      <source>Lecture 3×3 grid 1…9</source>
      <translation>강의 3×3 격자 1…9</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="27" />
      <source>Lecture 5×5 binary image</source>
      <translation>강의 5×5 이진 이미지</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="42" />
      <source>Lecture mode</source>
      <translation>강의 모드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/theme.py" line="26" />
      <source>Light</source>
      <translation>밝게</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="349" />
      <source>Load model</source>
      <translation>모델 불러오기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="139" />
      <source>Load model…</source>
      <translation>모델 불러오기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="358" />
      <source>Loading the model…</source>
      <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="64" />
      <source>Loop</source>
      <translation>반복</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="13" />
      <source>MNIST</source>
      <translation>MNIST</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="271" />
      <source>MNIST was not found offline: pass --data-dir DIR holding the four IDX .gz files, or put mnist.npz in {folder}</source>
      <translation>오프라인에서 MNIST를 찾지 못했습니다. IDX .gz 파일 네 개가 든 폴더를 --data-dir DIR로 지정하거나, mnist.npz를 {folder}에 두세요</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="97" />
      <source>MP4 needs imageio-ffmpeg (pip install imageio-ffmpeg); GIF works without it.</source>
      <translation>MP4에는 imageio-ffmpeg가 필요합니다(pip install imageio-ffmpeg). GIF는 없어도 됩니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="140" />
      <source>Maps</source>
      <translation>맵</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="30" />
      <source>Mirror without repeating the edge: d c b | a b c d | c b a.</source>
      <translation>가장자리를 반복하지 않는 거울 반사: d c b | a b c d | c b a.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="108" />
      <source>Model and data</source>
      <translation>모델과 데이터</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="269" />
      <source>Model loaded.</source>
      <translation>모델을 불러왔습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="116" />
      <source>Model: {name}</source>
      <translation>모델: {name}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="272" />
      <source>Models</source>
      <translation>모델</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="82" />
      <source>Multiply-adds</source>
      <translation>곱셈-덧셈</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="128" />
      <source>Network</source>
      <translation>네트워크</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="27" />
      <source>No comparison</source>
      <translation>비교 안 함</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="185" />
      <source>No program for these settings: {reason}</source>
      <translation>이 설정으로는 프로그램이 없습니다: {reason}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="98" />
      <source>No stamp lands here (the kernel is shorter than the stride): only the bias.</source>
      <translation>여기에는 찍히는 값이 없습니다 (커널이 스트라이드보다 짧음): 편향만 있습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="124" />
      <source>None (linear)</source>
      <translation>없음 (선형)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="148" />
      <source>Normalise</source>
      <translation>정규화</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="268" />
      <source>Not changed: {reason}</source>
      <translation>변경하지 않았습니다: {reason}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="33" />
      <source>Not started.</source>
      <translation>시작하지 않았습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="154" />
      <source>Nothing drawn yet: draw on the canvas (or use the test image) to see what the network predicts.</source>
      <translation>아직 그린 것이 없습니다. 캔버스에 그리거나 테스트 이미지를 사용하면 네트워크의 예측이 보입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="77" />
      <source>NumPy / SciPy centered (extra before)</source>
      <translation>NumPy / SciPy 가운데 (남는 칸 앞쪽)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="20" />
      <source>NumPy / SciPy centered: total padding k − 1; an odd total puts the extra cell &lt;b&gt;before&lt;/b&gt; (top/left). Same as numpy.correlate and scipy.signal.correlate mode='same'.</source>
      <translation>NumPy / SciPy 가운데 정렬: 전체 패딩 k − 1; 홀수이면 남는 한 칸을 &lt;b&gt;앞쪽&lt;/b&gt;(위/왼쪽)에 둡니다. numpy.correlate, scipy.signal.correlate mode='same'과 같습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="195" />
      <source>NumPy array (*.npy)</source>
      <translation>NumPy 배열 (*.npy)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="56" />
      <source>Number of steps</source>
      <translation>단계 수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="65" />
      <source>Only a convolution flips its kernel</source>
      <translation>커널을 뒤집는 것은 합성곱뿐입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="22" />
      <source>Open &amp;recent</source>
      <translation>최근 파일(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="20" />
      <source>Open &amp;session…</source>
      <translation>세션 열기(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="249" />
      <source>Open a target map</source>
      <translation>목표 맵 열기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="233" />
      <source>Open an upstream gradient</source>
      <translation>상류 그래디언트 열기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="293" />
      <source>Open input image</source>
      <translation>입력 이미지 열기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="127" />
      <source>Open input image…</source>
      <translation>입력 이미지 열기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="272" />
      <source>Open model</source>
      <translation>모델 열기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="125" />
      <source>Open model…</source>
      <translation>모델 열기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="102" />
      <source>Open…</source>
      <translation>열기…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="105" />
      <source>Operation</source>
      <translation>연산</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="129" />
      <source>Optimizer</source>
      <translation>옵티마이저</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="13" />
      <source>Other: .npz, IDX or image folders…</source>
      <translation>기타: .npz, IDX 또는 이미지 폴더…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="26" />
      <source>Outline</source>
      <translation>윤곽선</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="140" />
      <source>Output Y and target T</source>
      <translation>출력 Y와 목표 T</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="145" />
      <source>Output padding</source>
      <translation>출력 패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="82" />
      <source>Output shape</source>
      <translation>출력 모양</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="323" />
      <source>Output size</source>
      <translation>출력 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_maps.py" line="185" />
      <source>PNG images (*.png)</source>
      <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="30" />
      <source>Padded cells are 0.</source>
      <translation>패딩 칸은 0입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="110" />
      <source>Padded cells take no part: they never win a max and are left out of the divisor (TensorFlow's rule).</source>
      <translation>패딩 칸은 계산에 들어가지 않습니다: 최댓값이 될 수 없고 나누는 수에서도 빠집니다(TensorFlow의 규칙).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="136" />
      <source>Padding</source>
      <translation>패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="56" />
      <source>Paint zeros (right button erases too)</source>
      <translation>0으로 칠합니다 (오른쪽 버튼으로도 지워집니다)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="77" />
      <source>Panes stepping in lock-step on the same input</source>
      <translation>같은 입력에서 함께 진행하는 비교 창</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="82" />
      <source>Parameters</source>
      <translation>파라미터</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="18" />
      <source>Paste image</source>
      <translation>이미지 붙여넣기</translation>
    </message>
    <message>
      <location filename="../../convviz/model/file_actions.py" line="151" />
      <source>Paste: {error}</source>
      <translation>붙여넣기: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="73" />
      <source>Patch matrix (im2col)</source>
      <translation>패치 행렬 (im2col)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="149" />
      <source>Pause</source>
      <translation>일시 정지</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="65" />
      <source>Pause at each step with its products and sum hidden; a key press reveals the products, the next the sum</source>
      <translation>각 단계에서 곱과 합을 가린 채 멈춥니다. 키를 한 번 누르면 곱이, 한 번 더 누르면 합이 보입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="71" />
      <source>Pen</source>
      <translation>펜</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="52" />
      <source>Pen size in cells</source>
      <translation>펜 크기 (칸)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="100" />
      <source>Pen width</source>
      <translation>펜 굵기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="107" />
      <source>Pen width in cells</source>
      <translation>펜 굵기 (칸 수)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="28" />
      <source>Photo-like scene (RGB)</source>
      <translation>사진 같은 장면 (RGB)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="29" />
      <source>Photo-like scene (gray)</source>
      <translation>사진 같은 장면 (흑백)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="16" />
      <source>Play / pause (Space)</source>
      <translation>재생 / 일시정지 (Space)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="154" />
      <source>Pool padding</source>
      <translation>풀링 패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="153" />
      <source>Pool size</source>
      <translation>풀링 크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="54" />
      <source>Pooled maps</source>
      <translation>풀링된 맵</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="148" />
      <source>Pooling</source>
      <translation>풀링</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="301" />
      <source>Pooling is off: choose max or average pooling in the Operation panel.</source>
      <translation>풀링이 꺼져 있습니다: 연산 패널에서 최대 또는 평균 풀링을 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="69" />
      <source>Pooling steps</source>
      <translation>풀링 단계</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="128" />
      <source>Predict</source>
      <translation>예측</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="168" />
      <source>Prediction: &lt;b&gt;{name}&lt;/b&gt; ({p})</source>
      <translation>예측: &lt;b&gt;{name}&lt;/b&gt; ({p})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="143" />
      <source>Presets…</source>
      <translation>프리셋…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="25" />
      <source>Prewitt x</source>
      <translation>프리윗 x</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="25" />
      <source>Prewitt y</source>
      <translation>프리윗 y</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="18" />
      <source>Pullover</source>
      <translation>풀오버</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="65" />
      <source>Quiz</source>
      <translation>퀴즈</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="146" />
      <source>Random</source>
      <translation>무작위</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="129" />
      <source>Rate schedule</source>
      <translation>학습률 스케줄</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_load.py" line="70" />
      <source>Reading {name} with Keras in a separate process…</source>
      <translation>별도 프로세스에서 Keras로 {name}을(를) 읽는 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="214" />
      <source>Receptive field in the input: positions {c0}–{c1} ({w}); pick an earlier layer to see it on its maps.</source>
      <translation>입력에서의 수용 영역: 위치 {c0}–{c1} ({w}개); 앞쪽 층을 고르면 그 맵에서도 보입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="217" />
      <source>Receptive field in the input: rows {r0}–{r1}, columns {c0}–{c1} ({h}×{w}); pick an earlier layer to see it on its maps.</source>
      <translation>입력에서의 수용 영역: 행 {r0}–{r1}, 열 {c0}–{c1} ({h}×{w}); 앞쪽 층을 고르면 그 맵에서도 보입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="112" />
      <source>Remove this filter</source>
      <translation>이 필터 삭제</translation>
    </message>
    <message>
      <location filename="../../convviz/model/export_actions.py" line="238" />
      <source>Rendering {n} frames…</source>
      <translation>프레임 {n}개 그리는 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="30" />
      <source>Repeat the edge cell: a a a | a b c d | d d d.</source>
      <translation>가장자리 칸 반복: a a a | a b c d | d d d.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="128" />
      <source>Results</source>
      <translation>결과</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="149" />
      <source>Resume</source>
      <translation>계속</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="149" />
      <source>Reverse rows and columns</source>
      <translation>행과 열을 뒤집습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="59" />
      <source>Rows</source>
      <translation>행</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="137" />
      <source>Rows separated by ; entries by commas or spaces; fractions like 1/9</source>
      <translation>행은 ;로, 원소는 쉼표나 공백으로 구분; 1/9 같은 분수 가능</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="257" />
      <source>Saliency</source>
      <translation>Saliency</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="64" />
      <source>Samples…</source>
      <translation>예제…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="19" />
      <source>Sandal</source>
      <translation>샌들</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_map_view.py" line="446" />
      <source>Save F{n} as PNG…</source>
      <translation>F{n}을 PNG로 저장…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_map_view.py" line="443" />
      <source>Save channel {c} as PNG…</source>
      <translation>채널 {c}을(를) PNG로 저장…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_maps.py" line="184" />
      <source>Save map as PNG</source>
      <translation>맵을 PNG로 저장</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="328" />
      <source>Save model</source>
      <translation>모델 저장</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="138" />
      <source>Save model…</source>
      <translation>모델 저장…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="195" />
      <source>Save the input</source>
      <translation>입력 저장</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="134" />
      <source>Save the input as {file}…</source>
      <translation>입력을 {file}로 저장…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="359" />
      <source>Scatter: a stamp per input cell</source>
      <translation>흩뿌리기: 입력 칸마다 한 번 찍기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="25" />
      <source>Scharr x</source>
      <translation>샤르 x</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="26" />
      <source>Scharr y</source>
      <translation>샤르 y</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="164" />
      <source>Scrub through the steps</source>
      <translation>단계 이동</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="131" />
      <source>Seed</source>
      <translation>시드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="57" />
      <source>Set every cell to 0</source>
      <translation>모든 칸을 0으로</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="29" />
      <source>Shapes</source>
      <translation>도형</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="13" />
      <source>Shapes (synthetic, no download)</source>
      <translation>도형 (합성, 다운로드 불필요)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="23" />
      <source>Sharpen</source>
      <translation>선명하게</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="19" />
      <source>Shirt</source>
      <translation>셔츠</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="80" />
      <source>Show the flip</source>
      <translation>뒤집기 보기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="61" />
      <source>Show the kernel's flip first</source>
      <translation>먼저 커널 뒤집기 보여 주기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="73" />
      <source>Size</source>
      <translation>크기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="72" />
      <source>Sliding window</source>
      <translation>슬라이딩 윈도우</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="20" />
      <source>Sneaker</source>
      <translation>스니커즈</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="24" />
      <source>Sobel x</source>
      <translation>소벨 x</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="24" />
      <source>Sobel y</source>
      <translation>소벨 y</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="212" />
      <source>Some results are infinite or NaN: the sums overflow (inputs or kernels near the float limit); scale them down</source>
      <translation>일부 결과가 무한대이거나 NaN입니다. 합이 넘칩니다(입력이나 커널 값이 부동소수점 한계에 가깝습니다). 값을 줄이세요</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="108" />
      <source>Squared error against a target</source>
      <translation>목표에 대한 제곱 오차</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="97" />
      <source>Stamps landing here: {sources}.</source>
      <translation>여기에 찍힌 값: {sources}.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="377" />
      <source>Standard</source>
      <translation>표준</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="135" />
      <source>Start training</source>
      <translation>학습 시작</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="197" />
      <source>Starting TensorFlow in a separate process…</source>
      <translation>별도 프로세스에서 TensorFlow를 시작하는 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="16" />
      <source>Step back (←)</source>
      <translation>한 단계 뒤로 (←)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="16" />
      <source>Step forward (→)</source>
      <translation>한 단계 앞으로 (→)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="120" />
      <source>Step through dW</source>
      <translation>dW 단계별 보기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="120" />
      <source>Step through dX</source>
      <translation>dX 단계별 보기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="67" />
      <source>Step through the convolution or the pooling</source>
      <translation>합성곱 또는 풀링을 단계별로</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="142" />
      <source>Steps</source>
      <translation>단계</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_player_controls.py" line="167" />
      <source>Steps per second (+ / −)</source>
      <translation>초당 단계 수 (+ / −)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="78" />
      <source>Stopped early: {seconds} s fitting, {n} images per epoch.</source>
      <translation>중간에 멈춤: 학습 {seconds}초, 에포크당 이미지 {n}개.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="114" />
      <source>Stopped early: {why}</source>
      <translation>중간에 멈춤: {why}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="207" />
      <source>Stopping after this batch…</source>
      <translation>이 배치가 끝나면 멈춥니다…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="144" />
      <source>Stride</source>
      <translation>스트라이드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/i18n.py" line="14" />
      <source>System language</source>
      <translation>시스템 언어</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="373" />
      <source>T (target)</source>
      <translation>T (목표)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="18" />
      <source>T-shirt/top</source>
      <translation>티셔츠/탑</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="111" />
      <source>Target</source>
      <translation>목표</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="77" />
      <source>TensorFlow / Keras (extra after)</source>
      <translation>TensorFlow / Keras (남는 칸 뒤쪽)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="20" />
      <source>TensorFlow / Keras: out = ceil(N / stride); an odd total padding puts the extra cell &lt;b&gt;after&lt;/b&gt; (bottom/right). Same as tf.nn.conv2d 'SAME' and scipy.signal.correlate2d.</source>
      <translation>TensorFlow / Keras: out = ceil(N / stride); 전체 패딩이 홀수이면 남는 한 칸을 &lt;b&gt;뒤쪽&lt;/b&gt;(아래/오른쪽)에 둡니다. tf.nn.conv2d 'SAME', scipy.signal.correlate2d와 같습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="335" />
      <source>TensorFlow divides by the real cells only</source>
      <translation>TensorFlow는 실제 칸 수로만 나눕니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="103" />
      <source>Test image</source>
      <translation>테스트 이미지</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_live.py" line="56" />
      <source>Test image shown below</source>
      <translation>아래에 보이는 테스트 이미지</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="254" />
      <source>Test image {i}: true class {true}, predicted {predicted}.</source>
      <translation>테스트 이미지 {i}: 실제 클래스 {true}, 예측 {predicted}.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="130" />
      <source>The Keras summary of the network appears here when training starts.</source>
      <translation>학습을 시작하면 네트워크의 Keras 요약이 여기에 나타납니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="46" />
      <source>The backward pass is shown for a standard convolution: choose standard under Channels.</source>
      <translation>역전파는 표준 합성곱에서만 보여 줍니다: 채널에서 표준을 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="47" />
      <source>The backward pass is shown for a standard convolution: leave lecture mode (Esc) and choose standard under Channels.</source>
      <translation>역전파는 표준 합성곱에서만 보여 줍니다: 강의 모드를 나가서(Esc) 채널에서 표준을 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="89" />
      <source>The backward pass is shown for correlate and convolve.</source>
      <translation>역전파는 교차상관과 합성곱에서만 보여 줍니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="41" />
      <source>The backward pass is shown for cross-correlation and convolution: choose one of them under Operation.</source>
      <translation>역전파는 교차상관과 합성곱에서만 보여 줍니다: 연산에서 둘 중 하나를 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="43" />
      <source>The backward pass is shown for cross-correlation and convolution: leave lecture mode (Esc) and choose one of them under Operation.</source>
      <translation>역전파는 교차상관과 합성곱에서만 보여 줍니다: 강의 모드를 나가서(Esc) 연산에서 둘 중 하나를 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/file_actions.py" line="146" />
      <source>The clipboard holds no image or matrix.</source>
      <translation>클립보드에 이미지나 행렬이 없습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="70" />
      <source>The convolution's steps as a sliding window, or as a matrix times a vector (one row per output cell)</source>
      <translation>합성곱의 단계를 슬라이딩 윈도우로, 또는 행렬과 벡터의 곱으로 봅니다 (출력 셀마다 한 행)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/__init__.py" line="63" />
      <source>The equivalent view is a transposed convolution's: choose it in the Operation panel.</source>
      <translation>같은 결과 보기는 전치 합성곱용입니다: 연산 패널에서 전치 합성곱을 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="95" />
      <source>The file must end in .gif or .mp4.</source>
      <translation>파일 이름은 .gif 또는 .mp4로 끝나야 합니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="225" />
      <source>The first {shown} are shown below.</source>
      <translation>처음 {shown}개를 아래에 보여 줍니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="363" />
      <source>The forward pass failed: {error}</source>
      <translation>순전파에 실패했습니다: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="118" />
      <source>The input holds NaN or infinite values.</source>
      <translation>입력에 NaN이나 무한대 값이 있습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="135" />
      <source>The input is too large to print in the code: the programs read it from this file</source>
      <translation>입력이 너무 커서 코드에 적을 수 없습니다. 프로그램이 이 파일에서 읽습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_code_view.py" line="163" />
      <source>The input is too large to print: the programs read it from {file}. Save it with the button above into the folder you run them from.</source>
      <translation>입력이 너무 커서 코드에 적을 수 없어, 프로그램이 {file}에서 읽습니다. 위 버튼으로 프로그램을 실행할 폴더에 저장하세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="115" />
      <source>The input must be an array of numbers.</source>
      <translation>입력은 숫자 배열이어야 합니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="131" />
      <source>The input must be an image (rows × columns, or with channels).</source>
      <translation>입력은 이미지여야 합니다 (행 × 열, 또는 채널 포함).</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="107" />
      <source>The input of the convolution explorer's window</source>
      <translation>합성곱 탐색기 창의 입력</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="158" />
      <source>The largest contributions of the dot product, the rest summed:</source>
      <translation>내적에서 가장 큰 기여들, 나머지는 합산:</translation>
    </message>
    <message>
      <location filename="../../convviz/model/file_actions.py" line="248" />
      <source>The last session could not be opened ({problem}).</source>
      <translation>이전 세션을 열 수 없습니다 ({problem}).</translation>
    </message>
    <message>
      <location filename="../../convviz/model/file_actions.py" line="250" />
      <source>The last session could not be opened ({problem}); it was moved to {path}.</source>
      <translation>이전 세션을 열 수 없습니다 ({problem}). 파일을 {path}(으)로 이동했습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="284" />
      <source>The lecture's model is not installed with this copy of convviz.</source>
      <translation>이 convviz에는 강의 모델이 설치되어 있지 않습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="278" />
      <source>The lesson's target</source>
      <translation>수업의 목표</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="420" />
      <source>The loss went up: choose a smaller learning rate.</source>
      <translation>손실이 커졌습니다: 더 작은 학습률을 고르세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="112" />
      <source>The map the squared error compares the output with</source>
      <translation>제곱 오차가 출력과 비교하는 맵</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="219" />
      <source>The misclassified test images appear here after training.</source>
      <translation>학습이 끝나면 잘못 분류된 테스트 이미지가 여기에 나타납니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_load.py" line="85" />
      <source>The model could not be read.</source>
      <translation>모델을 읽을 수 없습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="140" />
      <source>The model takes {m} channels; the input has {n}.</source>
      <translation>모델은 채널 {m}개를 받는데 입력은 {n}개입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="472" />
      <source>The output covers the padded input; dX is its middle, plus the padded cells' gradient added to the cells the boundary copied them from.</source>
      <translation>출력은 패딩된 입력 전체를 덮습니다. dX는 그 가운데 부분에, 패딩 칸의 그래디언트를 경계 모드가 값을 복사해 온 칸에 더한 것입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="470" />
      <source>The output covers the padded input; dX is its middle.</source>
      <translation>출력은 패딩된 입력 전체를 덮습니다. dX는 그 가운데 부분입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="468" />
      <source>The output is dX.</source>
      <translation>출력이 곧 dX입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="113" />
      <source>The output shifted one cell right</source>
      <translation>오른쪽으로 한 칸 민 출력</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="417" />
      <source>The same as a Keras layer:</source>
      <translation>같은 계산을 Keras 층으로:</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/settings.py" line="57" />
      <source>The settings file was {size} KB, larger than any convviz writes; it was moved to {path} and the defaults are used.</source>
      <translation>설정 파일이 {size} KB로 convviz가 쓰는 크기보다 큽니다. {path}(으)로 옮기고 기본값을 사용합니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/settings.py" line="60" />
      <source>The settings file {path} is {size} KB, larger than any convviz writes, and could not be moved aside ({error}).</source>
      <translation>설정 파일 {path}이(가) {size} KB로 convviz가 쓰는 크기보다 크며, 옮길 수 없었습니다 ({error}).</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="216" />
      <source>The whole bank as one Keras layer (filter f is
[..., f // {m}, f % {m}] of its (kh, kw, C, {m}) kernel):</source>
      <translation>필터 뱅크 전체를 Keras 층 하나로 (필터 f는
커널 (kh, kw, C, {m})의 [..., f // {m}, f % {m}]):</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="222" />
      <source>The whole bank as one Keras layer (its kernel is
(kh, kw, {c}, {filters}): each filter its group's channels):</source>
      <translation>필터 뱅크 전체를 Keras 층 하나로 (커널은
(kh, kw, {c}, {filters}): 필터마다 자기 그룹의 채널):</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="49" />
      <source>Theme</source>
      <translation>테마</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_layers.py" line="123" />
      <source>Total</source>
      <translation>합계</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="71" />
      <source>Train a CNN…</source>
      <translation>CNN 학습…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="111" />
      <source>Train or load a model to predict.</source>
      <translation>예측하려면 모델을 학습하거나 불러오세요.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="128" />
      <source>Training</source>
      <translation>학습</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="273" />
      <source>Training failed.</source>
      <translation>학습에 실패했습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="126" />
      <source>Training images</source>
      <translation>학습 이미지 수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="59" />
      <source>Training on {n} images per epoch…</source>
      <translation>에포크당 이미지 {n}개로 학습 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="71" />
      <source>Transposed convolution (scatter)</source>
      <translation>전치 합성곱 (흩뿌리기)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="18" />
      <source>Trouser</source>
      <translation>바지</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="167" />
      <source>True class {true}, predicted {predicted}: 1 image</source>
      <translation>실제 클래스 {true}, 예측 {predicted}: 이미지 1개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="168" />
      <source>True class {true}, predicted {predicted}: {n} images</source>
      <translation>실제 클래스 {true}, 예측 {predicted}: 이미지 {n}개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="136" />
      <source>Type a kernel: 1,0,-1; 2,0,-2; 1,0,-1  ⏎</source>
      <translation>커널 입력: 1,0,-1; 2,0,-2; 1,0,-1  ⏎</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="128" />
      <source>Upstream dL/dY</source>
      <translation>상류 그래디언트 dL/dY</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="141" />
      <source>Upstream gradient</source>
      <translation>상류 그래디언트</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="109" />
      <source>Use the test image</source>
      <translation>테스트 이미지 사용</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="130" />
      <source>Validation split</source>
      <translation>검증 비율</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="71" />
      <source>Value</source>
      <translation>값</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="54" />
      <source>Value the pen paints</source>
      <translation>펜으로 칠할 값</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="39" />
      <source>Values in cells</source>
      <translation>칸에 값 표시</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="27" />
      <source>Vertical line 7×7 (lecture)</source>
      <translation>세로선 7×7 (강의)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="479" />
      <source>W (flipped 180°)</source>
      <translation>W (180° 뒤집음)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="116" />
      <source>Which filter of the bank</source>
      <translation>필터 뱅크 중 어느 필터</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="117" />
      <source>Which input channel of dW</source>
      <translation>dW의 입력 채널 선택</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="121" />
      <source>Which input channels each filter reads: all (standard), one (depthwise, Keras DepthwiseConv2D) or its group's block (Keras Conv2D groups=)</source>
      <translation>각 필터가 읽는 입력 채널: 모두 (표준), 하나 (깊이별, Keras DepthwiseConv2D), 또는 자기 그룹의 채널 묶음 (Keras Conv2D groups=)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="105" />
      <source>Which test image (0 to 9999)</source>
      <translation>몇 번째 테스트 이미지 (0~9999)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="108" />
      <source>Why this class:</source>
      <translation>왜 이 클래스인가:</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="30" />
      <source>Wrap around: b c d | a b c d | a b c.</source>
      <translation>순환: b c d | a b c d | a b c.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="187" />
      <source>Write W − lr·dW and b − lr·db into the kernels (every filter)</source>
      <translation>W − lr·dW와 b − lr·db를 커널에 씁니다 (모든 필터)</translation>
    </message>
    <message>
      <location filename="../../convviz/model/export_actions.py" line="239" />
      <source>Wrote {path}</source>
      <translation>{path} 저장함</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="456" />
      <source>X (padded)</source>
      <translation>X (패딩 포함)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="373" />
      <source>Y (output)</source>
      <translation>Y (출력)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="113" />
      <source>Zeros</source>
      <translation>모두 0</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="44" />
      <source>Zoom in</source>
      <translation>확대</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/main_menus.py" line="44" />
      <source>Zoom out</source>
      <translation>축소</translation>
    </message>
    <message>
      <location filename="../../convviz/model/document.py" line="155" />
      <source>a 1D kernel needs 1 to 64 values, got {count}</source>
      <translation>1D 커널은 값이 1~64개여야 하는데 {count}개입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/core/kernels.py" line="159" />
      <source>a 1D kernel needs a single row, got {rows} rows</source>
      <translation>1D 커널은 한 행이어야 하는데 {rows}행입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="36" />
      <source>a signal as one row</source>
      <translation>신호를 한 행으로</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="26" />
      <source>a transposed convolution scatters: see the step view's 'Equivalent correlation'</source>
      <translation>전치 합성곱은 흩뿌리는 연산입니다: 단계 보기의 '같은 결과의 교차상관'을 보세요</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="194" />
      <source>a {shape} input with {filters} filter(s) of {kernel}</source>
      <translation>{shape} 입력과 {kernel} 필터 {filters}개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_curves.py" line="40" />
      <source>accuracy</source>
      <translation>정확도</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="114" />
      <source>all</source>
      <translation>전체</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="74" />
      <source>as a matrix product</source>
      <translation>행렬 곱으로</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="126" />
      <source>average</source>
      <translation>평균</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="227" />
      <source>average pooling</source>
      <translation>평균 풀링</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="411" />
      <source>b − lr·db = {before} → {after}</source>
      <translation>b − lr·db = {before} → {after}</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="78" />
      <source>back to a signal</source>
      <translation>다시 신호로</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="164" />
      <source>back to the window's shapes: one dW per filter, dX like x</source>
      <translation>창의 모양으로 되돌리기: 필터마다 dW 하나, dX는 x와 같은 모양</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_curves.py" line="70" />
      <source>batches (epoch mean so far)</source>
      <translation>배치 (이번 에포크 누적 평균)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="378" />
      <source>before pooling</source>
      <translation>풀링 전</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="381" />
      <source>before {activation}</source>
      <translation>{activation} 전</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="155" />
      <source>bias</source>
      <translation>편향</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="90" />
      <source>bottom</source>
      <translation>아래</translation>
    </message>
    <message>
      <location filename="../../convviz/render/__init__.py" line="107" />
      <source>boundary</source>
      <translation>경계</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="133" />
      <source>boundary '{boundary}': gather the cells np.pad(mode='{mode}') copies</source>
      <translation>경계 처리 '{boundary}': np.pad(mode='{mode}')가 복사하는 칸을 모읍니다</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="365" />
      <source>boundary '{boundary}': pad in numpy (TensorFlow pads only zeros)</source>
      <translation>경계 처리 '{boundary}': numpy로 패딩 (TensorFlow는 0으로만 패딩)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="96" />
      <source>cells cropped (before, after) per axis</source>
      <translation>축마다 잘라 내는 칸 (앞, 뒤)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="503" />
      <source>channel mean</source>
      <translation>채널 평균</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="83" />
      <source>channel {c}</source>
      <translation>채널 {c}</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="122" />
      <source>channel {name}</source>
      <translation>{name} 채널</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="262" />
      <source>channels unpadded</source>
      <translation>채널 축은 패딩하지 않음</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="122" />
      <source>channels {names}</source>
      <translation>{names} 채널</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="674" />
      <source>channels: {sum}</source>
      <translation>채널 합: {sum}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="23" />
      <source>circle</source>
      <translation>원</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="50" />
      <source>circular</source>
      <translation>순환 (circular)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="124" />
      <source>class</source>
      <translation>클래스</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="104" />
      <source>class probabilities</source>
      <translation>클래스 확률</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="135" />
      <source>colours averaged to grey</source>
      <translation>색을 평균하여 회색으로</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="319" />
      <source>cols</source>
      <translation>열</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="196" />
      <source>columns {a}–{b} of {n}</source>
      <translation>열 {a}–{b} / {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_maps.py" line="145" />
      <source>computing…</source>
      <translation>계산 중…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="15" />
      <source>constant rate</source>
      <translation>일정한 학습률</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="406" />
      <source>conv1d takes no explicit padding</source>
      <translation>conv1d는 직접 지정 패딩을 받지 않음</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="50" />
      <source>convolution flips the kernel</source>
      <translation>합성곱은 커널을 뒤집음</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="267" />
      <source>convolution flips the kernel (not its channels)</source>
      <translation>합성곱은 커널을 뒤집음 (채널은 그대로)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="730" />
      <source>convolution flips the kernel: {angle}° of 180°</source>
      <translation>합성곱은 커널을 뒤집습니다: 180° 중 {angle}°</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="71" />
      <source>convolution matrix × input</source>
      <translation>합성곱 행렬 × 입력</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="156" />
      <source>convolution matrix: a row per output (empty = 0)</source>
      <translation>합성곱 행렬: 출력마다 한 행 (빈 칸 = 0)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/layout.py" line="48" />
      <source>convolve</source>
      <translation>합성곱(convolve)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="141" />
      <source>convolve flips it</source>
      <translation>합성곱은 커널을 뒤집음</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="123" />
      <source>convviz — network</source>
      <translation>convviz — 네트워크</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="123" />
      <source>convviz — network: {name}</source>
      <translation>convviz — 네트워크: {name}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train.py" line="127" />
      <source>convviz — train a CNN</source>
      <translation>convviz — CNN 학습</translation>
    </message>
    <message>
      <location filename="../../convviz/render/layout.py" line="48" />
      <source>correlate</source>
      <translation>상관(correlate)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="27" />
      <source>correlate | convolve</source>
      <translation>상관 | 합성곱</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="15" />
      <source>cosine decay to 0</source>
      <translation>코사인 감소 (0까지)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="340" />
      <source>cropped cells (before + after)</source>
      <translation>잘라 낸 칸 (앞 + 뒤)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="22" />
      <source>cross x</source>
      <translation>X자</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="107" />
      <source>dL/dY: the gradient arriving at the layer's output</source>
      <translation>dL/dY: 층의 출력에 도착하는 그래디언트</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="144" />
      <source>dW = correlate(X, dY)</source>
      <translation>dW = correlate(X, dY)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="451" />
      <source>dW = flip(correlate(X, dY))</source>
      <translation>dW = flip(correlate(X, dY))</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="457" />
      <source>dW flipped 180°</source>
      <translation>180° 뒤집은 dW</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="481" />
      <source>dX (padded)</source>
      <translation>dX (패딩 포함)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="143" />
      <source>dX = dY convolved with W (full)</source>
      <translation>dX = dY와 W의 합성곱 (full)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="397" />
      <source>dX = dY correlated with W (full)</source>
      <translation>dX = dY와 W의 교차상관 (full)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="480" />
      <source>dX on the padded grid</source>
      <translation>패딩된 격자의 dX</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="466" />
      <source>dX: dY padded, convolved with W</source>
      <translation>dX: 패딩된 dY와 W의 합성곱</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="466" />
      <source>dX: dY padded, correlated with W</source>
      <translation>dX: 패딩된 dY와 W의 교차상관</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="462" />
      <source>dX: dY with {zeros} zeros between cells, padded, convolved with W</source>
      <translation>dX: 칸 사이에 0을 {zeros}개씩 넣고 패딩한 dY와 W의 합성곱</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="463" />
      <source>dX: dY with {zeros} zeros between cells, padded, correlated with W</source>
      <translation>dX: 칸 사이에 0을 {zeros}개씩 넣고 패딩한 dY와 W의 교차상관</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="478" />
      <source>dY (padded)</source>
      <translation>dY (패딩 포함)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="456" />
      <source>dY (sliding)</source>
      <translation>dY (슬라이딩 윈도우)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="444" />
      <source>dY is {shape}: too large to draw as the kernel of dW's steps (at most {most} per side). A smaller input, a larger stride or pooling makes it smaller; the Gradients page shows dW.</source>
      <translation>dY가 {shape}라서 dW 단계의 커널로 그리기에는 너무 큽니다 (한 변에 최대 {most}). 입력을 줄이거나 스트라이드를 키우거나 풀링을 쓰면 작아집니다. dW는 그래디언트 화면에서 볼 수 있습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="478" />
      <source>dY, zeros between, padded</source>
      <translation>dY, 사이에 0, 패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="414" />
      <source>db = Σ dY = {sum}</source>
      <translation>db = Σ dY = {sum}</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="129" />
      <source>decoding {name} ({w}x{h})</source>
      <translation>{name} 디코딩({w}x{h})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="232" />
      <source>depthwise (one channel per filter)</source>
      <translation>깊이별 (필터마다 채널 하나)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="125" />
      <source>depthwise: one channel</source>
      <translation>깊이별: 채널 하나</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="195" />
      <source>depthwise: this filter reads channel {names} only, a 2D image; the other channels are other filters' work</source>
      <translation>depthwise: 이 필터는 채널 {names}만 읽습니다 (2D 이미지 하나). 다른 채널은 다른 필터가 맡습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="21" />
      <source>diagonal /</source>
      <translation>대각선 /</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="22" />
      <source>diagonal \</source>
      <translation>대각선 \</translation>
    </message>
    <message>
      <location filename="../../convviz/render/__init__.py" line="105" />
      <source>dilation</source>
      <translation>팽창</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="273" />
      <source>dilation 2: 1 hole between the kernel's taps</source>
      <translation>팽창 2: 커널 탭 사이에 빈칸 1개</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="82" />
      <source>dilation 2: 1 zero between the kernel's taps</source>
      <translation>팽창 2: 커널 탭 사이에 0 한 개</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="124" />
      <source>dilation {d} by hand (TensorFlow's CPU gradients refuse dilations): D[t * d, t] = 1 puts the taps d apart</source>
      <translation>팽창 {d}: 직접 계산 (TensorFlow의 CPU 그래디언트는 팽창을 받지 않음). D[t * d, t] = 1이 탭을 d칸 간격으로 놓습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="272" />
      <source>dilation {d}: {holes} holes between the kernel's taps</source>
      <translation>팽창 {d}: 커널 탭 사이에 빈칸 {holes}개</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="81" />
      <source>dilation {d}: {zeros} zeros between the kernel's taps</source>
      <translation>팽창 {d}: 커널 탭 사이에 0 {zeros}개</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="190" />
      <source>dilation {n}</source>
      <translation>팽창(dilation) {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="102" />
      <source>draw here (left: paint, right: erase)</source>
      <translation>여기에 그리세요 (왼쪽: 그리기, 오른쪽: 지우기)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="280" />
      <source>each channel on its own, summed</source>
      <translation>채널마다 따로 계산해 더함</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_curves.py" line="45" />
      <source>epoch</source>
      <translation>에포크</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="67" />
      <source>epoch {epoch} · {rate} images/s · {left} · loss {loss} · accuracy {accuracy}</source>
      <translation>에포크 {epoch} · 초당 이미지 {rate}개 · {left} · 손실 {loss} · 정확도 {accuracy}</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="55" />
      <source>every window the kernel reads (its taps dilation apart, windows stride apart), one row each: the patch matrix (im2col)</source>
      <translation>커널이 읽는 창마다 한 행 (탭은 팽창만큼, 창은 스트라이드만큼 떨어짐): 패치 행렬 (im2col)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="378" />
      <source>explicit padding (before, after) = {pads}: {why}</source>
      <translation>직접 지정 패딩 (앞, 뒤) = {pads}: {why}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="185" />
      <source>explicit padding {pads}</source>
      <translation>직접 지정한 패딩 {pads}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="76" />
      <source>explicit…</source>
      <translation>직접 지정…</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="402" />
      <source>flipped: tf.nn.conv1d correlates</source>
      <translation>뒤집기: tf.nn.conv1d는 교차상관을 계산함</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="388" />
      <source>flipped: tf.nn.conv2d correlates</source>
      <translation>뒤집기: tf.nn.conv2d는 교차상관을 계산함</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="74" />
      <source>full</source>
      <translation>full</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="138" />
      <source>grey repeated in {n} channels</source>
      <translation>회색을 채널 {n}개에 반복</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="199" />
      <source>grouped: this filter reads channels {names} only (its group's block)</source>
      <translation>그룹: 이 필터는 채널 {names}만 읽습니다 (자기 그룹의 묶음)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="230" />
      <source>grouped: {groups} groups of {n} channels</source>
      <translation>그룹: 채널 {n}개씩 {groups}그룹</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="126" />
      <source>grouped: {n} of {total} channels</source>
      <translation>그룹: 채널 {total}개 중 {n}개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="21" />
      <source>horizontal</source>
      <translation>가로선</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="140" />
      <source>input</source>
      <translation>입력</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="500" />
      <source>input (padded)</source>
      <translation>입력 (패딩 포함)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_live.py" line="57" />
      <source>input | conv / ReLU / pool, filters 1-8</source>
      <translation>입력 | 합성곱 / ReLU / 풀링, 필터 1-8</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="148" />
      <source>input, flattened: one column per input cell</source>
      <translation>펼친 입력: 입력 셀마다 한 열</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="84" />
      <source>kernel</source>
      <translation>커널</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="511" />
      <source>kernel (flipped 180°)</source>
      <translation>커널 (180° 뒤집음)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/signal_scene.py" line="102" />
      <source>kernel (flipped)</source>
      <translation>커널 (뒤집음)</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="147" />
      <source>kernel as applied, flattened: one column per tap</source>
      <translation>적용되는 커널을 펼침: 탭마다 한 열</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="29" />
      <source>kernel flipped 180°</source>
      <translation>커널을 180° 뒤집음</translation>
    </message>
    <message>
      <location filename="../../convviz/model/document.py" line="166" />
      <source>kernel sides must be 1 to {most}, got {rows}×{columns}</source>
      <translation>커널의 각 변은 1~{most}칸이어야 하는데 {rows}×{columns}입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/core/kernels.py" line="125" />
      <source>kernel text must be a string</source>
      <translation>커널 입력은 문자열이어야 합니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="279" />
      <source>kernel {spec!r}: {exc}</source>
      <translation>커널 {spec!r}: {exc}</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="299" />
      <source>leaky ReLU</source>
      <translation>leaky ReLU</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="431" />
      <source>leaky ReLU; tf.nn.leaky_relu(out, alpha=0.2) rounds 0.2 to float32</source>
      <translation>leaky ReLU; tf.nn.leaky_relu(out, alpha=0.2)는 0.2를 float32로 반올림함</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="90" />
      <source>left</source>
      <translation>왼쪽</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="319" />
      <source>length</source>
      <translation>길이</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_curves.py" line="39" />
      <source>loss</source>
      <translation>손실</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="184" />
      <source>lr in W − lr·dW and b − lr·db</source>
      <translation>W − lr·dW와 b − lr·db의 lr</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="422" />
      <source>lr {lr}: with {first} the loss went up.</source>
      <translation>lr {lr}: {first}에서는 손실이 커졌습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="425" />
      <source>lr·dW is too small in some cells to change their 4 digits: W − lr·dW reads as W there.</source>
      <translation>일부 칸에서는 lr·dW가 너무 작아 네 자리 숫자가 바뀌지 않습니다: 그 칸의 W − lr·dW는 W와 같아 보입니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="126" />
      <source>max</source>
      <translation>최대</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="58" />
      <source>max + min - value, per cell</source>
      <translation>칸마다 최댓값 + 최솟값 - 값</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="227" />
      <source>max pooling</source>
      <translation>최대 풀링</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="377" />
      <source>no TensorFlow mode puts it there</source>
      <translation>그 위치에 패딩하는 TensorFlow 모드가 없음</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="112" />
      <source>no overlay</source>
      <translation>겹쳐 보기 없음</translation>
    </message>
    <message>
      <location filename="../../convviz/io/atomic.py" line="69" />
      <source>no permission to write in {path}</source>
      <translation>{path}에 쓸 권한이 없습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="126" />
      <source>none</source>
      <translation>없음</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="118" />
      <source>none (Keras default)</source>
      <translation>없음 (Keras 기본값)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="65" />
      <source>nothing cropped</source>
      <translation>잘라 내는 칸 없음</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="170" />
      <source>one SGD step</source>
      <translation>SGD 한 단계</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="111" />
      <source>optional</source>
      <translation>선택 사항</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="221" />
      <source>or tf.nn.depthwise_conv2d on all {channels} channels.</source>
      <translation>또는 채널 {channels}개 모두에 tf.nn.depthwise_conv2d.</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="489" />
      <source>output</source>
      <translation>출력</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="340" />
      <source>output padding</source>
      <translation>출력 패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="489" />
      <source>output · filter {n}</source>
      <translation>출력 · 필터 {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/render/scatter_scene.py" line="83" />
      <source>output: running sums</source>
      <translation>출력: 누적 합</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="321" />
      <source>padded cells are -inf: padding never wins</source>
      <translation>패딩 칸은 -inf: 패딩이 최댓값이 되는 일은 없음</translation>
    </message>
    <message>
      <location filename="../../convviz/render/pool_scene.py" line="159" />
      <source>padded cells take no part</source>
      <translation>패딩 칸은 계산에서 빠집니다</translation>
    </message>
    <message>
      <location filename="../../convviz/render/__init__.py" line="101" />
      <source>padding</source>
      <translation>패딩</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="259" />
      <source>padding (before, after) per axis, as convviz resolved it</source>
      <translation>축마다 패딩 (앞, 뒤), convviz가 정한 대로</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="71" />
      <source>patch matrix (im2col) × kernel</source>
      <translation>패치 행렬 (im2col) × 커널</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="155" />
      <source>patch matrix: a row per output</source>
      <translation>패치 행렬: 출력마다 한 행</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="22" />
      <source>plus</source>
      <translation>더하기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="363" />
      <source>pooled</source>
      <translation>풀링 결과</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="362" />
      <source>pooling</source>
      <translation>풀링</translation>
    </message>
    <message>
      <location filename="../../convviz/render/signal_scene.py" line="107" />
      <source>positions {a}–{b} of {n}</source>
      <translation>위치 {a}–{b} / {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="123" />
      <source>predicted class</source>
      <translation>예측 클래스</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_maps.py" line="161" />
      <source>predicted: {name} ({p})</source>
      <translation>예측: {name} ({p})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_predict.py" line="105" />
      <source>probability</source>
      <translation>확률</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="85" />
      <source>products</source>
      <translation>원소별 곱</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="681" />
      <source>products {channel}: Σ = {sum}</source>
      <translation>원소별 곱 {channel}: Σ = {sum}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="127" />
      <source>read row by row as a signal</source>
      <translation>행을 차례로 이어 신호로 읽음</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="180" />
      <source>reading {path}</source>
      <translation>{path} 읽기</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="104" />
      <source>reading {path} ({shape})</source>
      <translation>{path} 읽기({shape})</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="225" />
      <source>reading {path} as a text matrix</source>
      <translation>{path}을(를) 텍스트 행렬로 읽기</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="50" />
      <source>reflect</source>
      <translation>반사 (reflect)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="50" />
      <source>replicate</source>
      <translation>가장자리 복제 (replicate)</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="147" />
      <source>resized from {a} to {b}</source>
      <translation>{a}에서 {b}(으)로 크기 변경</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="90" />
      <source>right</source>
      <translation>오른쪽</translation>
    </message>
    <message>
      <location filename="../../convviz/core/kernels.py" line="153" />
      <source>row {row} has {count} entries but row 1 has {first}; every row needs the same length</source>
      <translation>{row}행의 값은 {count}개, 1행의 값은 {first}개입니다. 모든 행의 값 개수가 같아야 합니다</translation>
    </message>
    <message>
      <location filename="../../convviz/core/kernels.py" line="103" />
      <source>row {row}, column {column}: {entry} divides by zero</source>
      <translation>{row}행 {column}열: {entry}은(는) 0으로 나눕니다</translation>
    </message>
    <message>
      <location filename="../../convviz/core/kernels.py" line="109" />
      <source>row {row}, column {column}: {entry} is not a number</source>
      <translation>{row}행 {column}열: {entry}은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="319" />
      <source>rows</source>
      <translation>행</translation>
    </message>
    <message>
      <location filename="../../convviz/render/matrix_scene.py" line="193" />
      <source>rows {a}–{b} of {n}</source>
      <translation>행 {a}–{b} / {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/render/pool_scene.py" line="123" />
      <source>rows {r}, columns {c}</source>
      <translation>행 {r}, 열 {c}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_input.py" line="112" />
      <source>saliency</source>
      <translation>saliency</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="74" />
      <source>same</source>
      <translation>same</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="130" />
      <source>same (padded cells excluded)</source>
      <translation>same (패딩 칸 제외)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="121" />
      <source>second conv block</source>
      <translation>두 번째 합성곱 블록</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="125" />
      <source>share</source>
      <translation>비율</translation>
    </message>
    <message>
      <location filename="../../convviz/render/signal_scene.py" line="109" />
      <source>signal x</source>
      <translation>신호 x</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="23" />
      <source>square</source>
      <translation>사각형</translation>
    </message>
    <message>
      <location filename="../../convviz/render/scatter_scene.py" line="109" />
      <source>stamp = x[{cell}] × kernel</source>
      <translation>찍는 값 = x[{cell}] × 커널</translation>
    </message>
    <message>
      <location filename="../../convviz/render/scatter_scene.py" line="84" />
      <source>stamps per output cell</source>
      <translation>출력 칸마다 찍힌 횟수</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="228" />
      <source>standard (every channel)</source>
      <translation>표준 (모든 채널)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="122" />
      <source>standardize inputs</source>
      <translation>입력 표준화</translation>
    </message>
    <message>
      <location filename="../../convviz/render/layout.py" line="307" />
      <source>step {i} / {n}</source>
      <translation>단계 {i} / {n}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="51" />
      <source>steps/s</source>
      <translation>단계/초</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="228" />
      <source>stride</source>
      <translation>스트라이드</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="27" />
      <source>stride 1 | stride 2</source>
      <translation>스트라이드 1 | 스트라이드 2</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="398" />
      <source>stride {s}</source>
      <translation>스트라이드 {s}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="156" />
      <source>sum</source>
      <translation>합</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="107" />
      <source>sum over channels + bias</source>
      <translation>채널 합 + 편향</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="60" />
      <source>taps first, then channels</source>
      <translation>탭 먼저, 그다음 채널</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="30" />
      <source>the channels this filter reads: {first} to {last}</source>
      <translation>이 필터가 읽는 채널: {first}~{last}</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="55" />
      <source>the channels' stamps, summed</source>
      <translation>채널별 도장을 더함</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_matrix.py" line="66" />
      <source>the convolution matrix: a row per output cell, a column per cell of the padded input, the kernel's weights where that output's window reads</source>
      <translation>합성곱 행렬: 출력 칸마다 한 행, 패딩된 입력 칸마다 한 열, 그 출력의 창이 읽는 자리에 커널 가중치</translation>
    </message>
    <message>
      <location filename="../../convviz/io/atomic.py" line="78" />
      <source>the disk holding {path} is full</source>
      <translation>{path}이(가) 있는 디스크가 가득 찼습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/render/__init__.py" line="58" />
      <source>the equivalent correlation: zeros inserted, padded, kernel flipped</source>
      <translation>같은 결과의 교차상관: 0을 끼워 넣고 패딩한 뒤 뒤집은 커널로</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="329" />
      <source>the explorer's input</source>
      <translation>탐색기의 입력</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_maps.py" line="154" />
      <source>the first {shown} of {n} channels</source>
      <translation>채널 {n}개 중 처음 {shown}개</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="136" />
      <source>the input</source>
      <translation>입력 값</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="146" />
      <source>the kernel</source>
      <translation>커널 값</translation>
    </message>
    <message>
      <location filename="../../convviz/core/padding.py" line="295" />
      <source>the kernel (effective size {size}) is larger than the input ({span}){where}{hint}</source>
      <translation>커널(유효 크기 {size})이 입력({span})보다 큽니다{where}{hint}</translation>
    </message>
    <message>
      <location filename="../../convviz/core/padding.py" line="293" />
      <source>the kernel (effective size {size}) is larger than the padded input ({span}){where}{hint}</source>
      <translation>커널(유효 크기 {size})이 패딩된 입력({span})보다 큽니다{where}{hint}</translation>
    </message>
    <message>
      <location filename="../../convviz/model/document.py" line="169" />
      <source>the kernel contains NaN or infinite values</source>
      <translation>커널에 NaN이나 무한대 값이 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/core/kernels.py" line="128" />
      <source>the kernel is empty</source>
      <translation>커널이 비어 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/model/document.py" line="163" />
      <source>the kernel needs {axes} axes for this input, got shape {shape}</source>
      <translation>이 입력에는 {axes}축 커널이 필요한데 모양이 {shape}입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="166" />
      <source>the kernel's</source>
      <translation>커널의 모양</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="153" />
      <source>the other {n} products</source>
      <translation>나머지 곱 {n}개</translation>
    </message>
    <message>
      <location filename="../../convviz/core/pool.py" line="66" />
      <source>the pooling window ({size}) is larger than the map ({n}) with 'valid' padding</source>
      <translation>'valid' 패딩에서 풀링 창({size})이 맵({n})보다 큽니다</translation>
    </message>
    <message>
      <location filename="../../convviz/train/process.py" line="200" />
      <source>the training process ended unexpectedly (exit code {code})</source>
      <translation>학습 프로세스가 예기치 않게 끝났습니다 (종료 코드 {code})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="66" />
      <source>time left unknown</source>
      <translation>남은 시간 알 수 없음</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="494" />
      <source>tinted 0: inserted</source>
      <translation>색칠된 0: 끼워 넣은 0</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="90" />
      <source>top</source>
      <translation>위</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_curves.py" line="81" />
      <source>train</source>
      <translation>학습</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_open.py" line="69" />
      <source>trained CNN</source>
      <translation>학습한 CNN</translation>
    </message>
    <message>
      <location filename="../../convviz/render/__init__.py" line="59" />
      <source>transposed convolution</source>
      <translation>전치 합성곱</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="47" />
      <source>transposed convolution: each input cell stamps
{cell} * w onto the output, 1 cell apart</source>
      <translation>전치 합성곱: 입력 칸마다 출력에
{cell} * w를 도장처럼 찍음, 1칸 간격</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="45" />
      <source>transposed convolution: each input cell stamps
{cell} * w onto the output, {s} cells apart</source>
      <translation>전치 합성곱: 입력 칸마다 출력에
{cell} * w를 도장처럼 찍음, {s}칸 간격</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="125" />
      <source>true class</source>
      <translation>실제 클래스</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="233" />
      <source>unit ({unit}) = {value} — click for its arithmetic</source>
      <translation>유닛 ({unit}) = {value} — 클릭하면 계산이 보입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="280" />
      <source>unknown kernel {spec!r}: not a preset ({presets}), a matrix or a file</source>
      <translation>알 수 없는 커널 {spec!r}: 프리셋({presets})도, 행렬도, 파일도 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="130" />
      <source>valid</source>
      <translation>valid</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="74" />
      <source>valid (no padding)</source>
      <translation>valid (패딩 없음)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_step_view.py" line="27" />
      <source>valid | same | full</source>
      <translation>valid | same | full</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_curves.py" line="81" />
      <source>validation</source>
      <translation>검증</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="21" />
      <source>vertical</source>
      <translation>세로선</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="112" />
      <source>w: the filter bank (kh, kw, C, F), b: the biases</source>
      <translation>w: 필터 뱅크 (kh, kw, C, F), b: 편향들</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="143" />
      <source>w: the kernel of filter {n}, b: its bias</source>
      <translation>w: 필터 {n}의 커널, b: 그 편향</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="144" />
      <source>w: the kernel, b: its bias</source>
      <translation>w: 커널, b: 그 편향</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="459" />
      <source>whole input</source>
      <translation>입력 전체</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network_arith.py" line="84" />
      <source>window</source>
      <translation>창</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="138" />
      <source>x: the input ({shape}) is too large to print here. In convviz's Code tab, 'Save the input as {file}' writes it; put the file in the folder you run this from (np.save('{file}', x) writes an array of your own).</source>
      <translation>x: 입력({shape})이 너무 커서 여기에 적지 않습니다. convviz 코드 탭의 '입력을 {file}로 저장'이 파일을 만듭니다. 이 코드를 실행하는 폴더에 두세요 (직접 만든 배열은 np.save('{file}', x)로 저장).</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="135" />
      <source>x: the input ({shape}), as in the window</source>
      <translation>x: 입력 ({shape}), 창에 보이는 그대로</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_backward.py" line="109" />
      <source>x: the input is too large to print: save it as {file} (Code tab)</source>
      <translation>x: 입력이 너무 커서 적지 않습니다: {file}로 저장하세요 (코드 탭)</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="50" />
      <source>zeros</source>
      <translation>0 채우기 (zeros)</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="329" />
      <source>zeros: they add nothing</source>
      <translation>0: 더해도 변화 없음</translation>
    </message>
    <message>
      <location filename="../../convviz/render/scatter_scene.py" line="324" />
      <source>{a}–{b} of {n}</source>
      <translation>{n}개 중 {a}–{b}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="210" />
      <source>{channel} slice</source>
      <translation>{channel} 채널</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="212" />
      <source>{channel} slice · not read</source>
      <translation>{channel} 채널 · 읽지 않음</translation>
    </message>
    <message>
      <location filename="../../convviz/render/conv_scene.py" line="683" />
      <source>{channel}: {value} × {weight} = {product}</source>
      <translation>{channel}: {value} × {weight} = {product}</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="124" />
      <source>{directory}: missing {files}</source>
      <translation>{directory}: {files} 파일이 없습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="193" />
      <source>{directory}: needs one subfolder per class (found {count})</source>
      <translation>{directory}: 클래스마다 하위 폴더가 하나씩 있어야 합니다 ({count}개 찾음)</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="206" />
      <source>{directory}: too few images ({images}) for {classes} classes</source>
      <translation>{directory}: 클래스 {classes}개에 비해 이미지({images}개)가 너무 적습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="90" />
      <source>{entry} is not a number (row {row}, column {column})</source>
      <translation>{entry}은(는) 숫자가 아닙니다 ({row}행 {column}열)</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="289" />
      <source>{folder}: no {name} IDX files ({files})</source>
      <translation>{folder}: {name} IDX 파일이 없습니다 ({files})</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="417" />
      <source>{loss}: {before} before the step, {after} after</source>
      <translation>{loss}: 스텝 전 {before}, 스텝 후 {after}</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="166" />
      <source>{name}: 32-bit integer pixels outside 0..65535 have no known scale</source>
      <translation>{name}: 0..65535 밖의 32비트 정수 픽셀은 값의 범위를 알 수 없습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="179" />
      <source>{name}: Pillow image mode {mode!r} is not supported</source>
      <translation>{name}: Pillow 이미지 모드 {mode!r}은(는) 지원하지 않습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="145" />
      <source>{name}: contains NaN or infinite values</source>
      <translation>{name}: NaN 또는 무한대 값이 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="140" />
      <source>{name}: not an image convviz can read (PNG, JPEG, BMP, GIF, TIFF or WebP)</source>
      <translation>{name}: convviz가 읽을 수 있는 이미지가 아닙니다 (PNG, JPEG, BMP, GIF, TIFF, WebP)</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="143" />
      <source>{name}: the image is damaged or truncated ({exc})</source>
      <translation>{name}: 이미지가 손상되었거나 잘렸습니다({exc})</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="138" />
      <source>{name}: the image is too large to decode safely</source>
      <translation>{name}: 이미지가 너무 커서 안전하게 디코딩할 수 없습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/model/network_explorer.py" line="250" />
      <source>{name}: {error}</source>
      <translation>{name}: {error}</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="390" />
      <source>{name}: {formula} = {params} parameters, {macs} multiply-adds</source>
      <translation>{name}: {formula} = 파라미터 {params}개, 곱셈-덧셈 {macs}회</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_op_panel.py" line="398" />
      <source>{name}: {params} parameters, {macs} multiply-adds</source>
      <translation>{name}: 파라미터 {params}개, 곱셈-덧셈 {macs}회</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="197" />
      <source>{name}: {width}x{height} is larger than {max_side} per side</source>
      <translation>{name}: {width}x{height}은(는) 한 변 {max_side}보다 큽니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="127" />
      <source>{name}: {w}x{h} is larger than {max_side} per side</source>
      <translation>{name}: {w}x{h}은(는) 한 변 {max_side}보다 큽니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="125" />
      <source>{name}: {w}x{h} pixels is too large to decode safely</source>
      <translation>{name}: {w}x{h} 픽셀은 너무 커서 안전하게 디코딩할 수 없습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/model/export_actions.py" line="157" />
      <source>{n} file(s) of an earlier export in {path} will be replaced. Continue?</source>
      <translation>{path}에 있는 이전 내보내기 파일 {n}개를 바꿉니다. 계속할까요?</translation>
    </message>
    <message>
      <location filename="../../convviz/model/export_actions.py" line="233" />
      <source>{n} frames at {width}x{height}</source>
      <translation>{width}x{height} 크기의 프레임 {n}개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_dialogs.py" line="112" />
      <source>{n} of {total} steps, {seconds:.1f} s</source>
      <translation>전체 {total}단계 중 {n}단계, {seconds:.1f}초</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_results.py" line="222" />
      <source>{n} of {total} test images are misclassified.</source>
      <translation>테스트 이미지 {total}개 중 {n}개가 잘못 분류되었습니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/model/explain.py" line="83" />
      <source>{n} stamps</source>
      <translation>{n}번 찍힘</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_main_window.py" line="248" />
      <source>{n} values</source>
      <translation>값 {n}개</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_backward_view.py" line="67" />
      <source>{n} zeros</source>
      <translation>0이 {n}개</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code_transposed.py" line="64" />
      <source>{padding} padding crops the stamps' edges</source>
      <translation>{padding} 패딩은 도장 가장자리를 잘라 냄</translation>
    </message>
    <message>
      <location filename="../../convviz/io/atomic.py" line="47" />
      <source>{path} is a file, not a folder</source>
      <translation>{path}은(는) 폴더가 아니라 파일입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/atomic.py" line="43" />
      <source>{path} is a folder, not a file</source>
      <translation>{path}은(는) 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/atomic.py" line="68" />
      <source>{path} is on a read-only disk</source>
      <translation>{path}은(는) 읽기 전용 디스크에 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="93" />
      <source>{path}: IDX type {kind} is not unsigned bytes</source>
      <translation>{path}: IDX 자료형 {kind}은(는) 부호 없는 바이트가 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="66" />
      <source>{path}: cannot be read ({reason})</source>
      <translation>{path}: 읽을 수 없습니다({reason})</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="242" />
      <source>{path}: contains NaN or infinite values</source>
      <translation>{path}: NaN 또는 무한대 값이 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="94" />
      <source>{path}: holds pickled objects, which convviz never loads</source>
      <translation>{path}: pickle 객체가 들어 있습니다. convviz는 이를 절대 불러오지 않습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="237" />
      <source>{path}: holds {dtype} values, not numbers</source>
      <translation>{path}: 숫자가 아닌 {dtype} 값이 들어 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="128" />
      <source>{path}: image and label counts differ</source>
      <translation>{path}: 이미지 수와 레이블 수가 다릅니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="108" />
      <source>{path}: longer than its header says ({expected} bytes)</source>
      <translation>{path}: 헤더에 적힌 크기({expected}바이트)보다 깁니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="144" />
      <source>{path}: needs x_train, y_train, x_test and y_test (missing {key})</source>
      <translation>{path}: x_train, y_train, x_test, y_test가 모두 있어야 합니다 ({key} 없음)</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="92" />
      <source>{path}: not a NumPy .npy file, or a damaged one</source>
      <translation>{path}: NumPy .npy 파일이 아니거나 손상된 파일입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="229" />
      <source>{path}: not a text matrix</source>
      <translation>{path}: 텍스트 행렬이 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="147" />
      <source>{path}: not a usable .npz ({reason})</source>
      <translation>{path}: 쓸 수 있는 .npz가 아닙니다({reason})</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="91" />
      <source>{path}: not an IDX file</source>
      <translation>{path}: IDX 파일이 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="96" />
      <source>{path}: shape {shape} is larger than convviz reads (1 to {max_ndim} axes, at most {most} values)</source>
      <translation>{path}: 모양 {shape}은(는) convviz가 읽는 크기(축 1~{max_ndim}개, 값 최대 {most}개)보다 큽니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="239" />
      <source>{path}: shape {shape} is not a matrix of 1 to {max_ndim} axes</source>
      <translation>{path}: 모양 {shape}은(는) 축 1~{max_ndim}개의 행렬이 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="69" />
      <source>{path}: the file is empty</source>
      <translation>{path}: 파일이 비어 있습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="106" />
      <source>{path}: truncated ({got} of {expected} bytes)</source>
      <translation>{path}: 잘린 파일입니다 ({expected}바이트 중 {got}바이트)</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="259" />
      <source>{path}: unknown file type {suffix!r}; use an image ({images}) or a matrix (.npy, .csv, .txt)</source>
      <translation>{path}: 알 수 없는 파일 형식 {suffix!r}. 이미지({images})나 행렬(.npy, .csv, .txt)을 쓰세요</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="152" />
      <source>{path}: x_train must be (N, H, W) grayscale images, got {shape}</source>
      <translation>{path}: x_train은 (N, H, W) 흑백 이미지여야 하는데 {shape}입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="233" />
      <source>{path}: {exc}</source>
      <translation>{path}: {exc}</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="71" />
      <source>{path}: {size_mb:.0f} MB is larger than the {limit_mb} MB convviz reads</source>
      <translation>{path}: {size_mb:.0f} MB는 convviz가 읽는 {limit_mb} MB보다 큽니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/inputs.py" line="100" />
      <source>{path}: {width}x{height} is larger than {max_side} per side</source>
      <translation>{path}: {width}x{height}은(는) 한 변 {max_side}보다 큽니다</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="191" />
      <source>{pool} pooling of size {size} (stride {stride}) with '{padding}' padding</source>
      <translation>'{padding}' 패딩의 크기 {size}(스트라이드 {stride}) {pool} 풀링</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="166" />
      <source>{pool} would add up {sums:.1e} values, more than the {most:.0e} convviz sums (about a minute): use a larger pool stride or a smaller pool</source>
      <translation>{pool}은(는) 값 {sums:.1e}개를 더해야 해서 convviz가 더하는 {most:.0e}개(약 1분)보다 많습니다. 풀 스트라이드를 키우거나 풀을 줄이세요</translation>
    </message>
    <message>
      <location filename="../../convviz/model/file_actions.py" line="265" />
      <source>{problem}; using {default}.</source>
      <translation>{problem}; {default}를 사용합니다.</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_status.py" line="66" />
      <source>{seconds} s left</source>
      <translation>{seconds}초 남음</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="303" />
      <source>{spec}: expected an .npz file or a directory</source>
      <translation>{spec}: .npz 파일이나 폴더여야 합니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="296" />
      <source>{spec}: not a dataset name (fashion-mnist, mnist, shapes) nor an existing path</source>
      <translation>{spec}: 데이터셋 이름(fashion-mnist, mnist, shapes)도, 있는 경로도 아닙니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_network.py" line="258" />
      <source>{what} for class {name}: the brighter, the more it raises that class's score</source>
      <translation>클래스 {name}의 {what}: 밝을수록 그 클래스의 점수를 더 높입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/model/limits.py" line="63" />
      <source>{what} would take {size}, over the {budget} memory budget (CONVVIZ_MEMORY_BUDGET)</source>
      <translation>{what}에 {size}가 필요해 메모리 예산 {budget}(CONVVIZ_MEMORY_BUDGET)을 넘습니다</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="118" />
      <source>{what}: {shape}, channels last</source>
      <translation>{what}: {shape}, 채널이 마지막 축</translation>
    </message>
    <message>
      <location filename="../../convviz/export/code.py" line="111" />
      <source>{what}: {shape}, channels last, the same matrix on every channel</source>
      <translation>{what}: {shape}, 채널이 마지막 축, 모든 채널에 같은 행렬</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="74" />
      <source>{where}: label {bad:g} is outside 0 to {last}</source>
      <translation>{where}: 레이블 {bad:g}이(가) 0~{last} 범위 밖입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="72" />
      <source>{where}: label {bad:g} is outside the {limit} classes (0 to {last})</source>
      <translation>{where}: 레이블 {bad:g}이(가) 클래스 {limit}개(0~{last}) 범위 밖입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="67" />
      <source>{where}: labels hold {dtype} values, not class numbers</source>
      <translation>{where}: 레이블이 클래스 번호가 아닌 {dtype} 값입니다</translation>
    </message>
    <message>
      <location filename="../../convviz/io/datasets.py" line="65" />
      <source>{where}: labels must be whole class numbers</source>
      <translation>{where}: 레이블은 정수인 클래스 번호여야 합니다</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_input_panel.py" line="73" />
      <source>×</source>
      <translation>×</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_train_form.py" line="113" />
      <source>…</source>
      <translation>…</translation>
    </message>
    <message>
      <location filename="../../convviz/ui/qt_kernel_panel.py" line="112" />
      <source>−</source>
      <translation>−</translation>
    </message>
  </context>
</TS>
