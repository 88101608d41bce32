// The session's energy over time, drawn by uPlot into a container the page owns.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { EnergySeries } from './energy-series.ts';

const HEIGHT = 300;

export function EnergyChart({ series }: { series: EnergySeries }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const plot = new uPlot({
      width: Math.max(320, element.clientWidth - 16), height: HEIGHT,
      series: [{}, { label: 'Energy (kWh)', stroke: '#1f5fbf', width: 2, fill: 'rgba(31,95,191,0.08)', value: (_, v) => (v === null ? '—' : `${v.toFixed(3)} kWh`) }],
      axes: [{}, { label: 'kWh' }],
      scales: { x: { time: true } },
    }, series, element);
    return () => plot.destroy();
  }, [series]);
  return (
    <div class="chart" ref={container} data-testid="energy-chart">
      {series[0].length === 0 && <p class="empty">No energy reading yet.</p>}
    </div>
  );
}
