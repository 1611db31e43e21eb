// Which view fills the body. Views that hold state between visits keep it in
// use-persistent-state, so switching away and back finds the same sort, filter and selection.
import { useContext } from 'react';
import { AnomaliesScreen } from './anomalies-screen.js';
import { ConsoleUiContext } from './console-context.js';
import { EngineView } from './engine-view.js';
import type { ViewId } from './keys.js';
import { OverviewView } from './overview-view.js';
import { ReplayScreen } from './replay-screen.js';
import { SlaScreen } from './sla-screen.js';
import { StockScreen } from './stock-screen.js';
import type { ScreenProps } from './view-props.js';

export function ViewSwitch(props: ScreenProps & { view: ViewId }): React.JSX.Element {
  const { view, ...p } = props;
  // before the view renders, so a view that publishes no hints shows none (HintBoard)
  useContext(ConsoleUiContext).hints.enter(view);
  switch (view) {
    case 'overview':
      return <OverviewView {...p} />;
    case 'anomalies':
      return <AnomaliesScreen {...p} />;
    case 'stock':
      return <StockScreen {...p} />;
    case 'sla':
      return <SlaScreen {...p} />;
    case 'engine':
      return <EngineView {...p} />;
    case 'replay':
      return <ReplayScreen {...p} />;
  }
}
