import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A uPlot chart that follows its container's width; `summary` is its text alternative. */
export function Chart({
  title,
  summary,
  options,
  data,
}: {
  title: string;
  summary: string;
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const width = () => Math.max(260, box.current!.clientWidth);
    plot.current = new uPlot({ ...options, width: width(), height: 220 }, data, box.current);
    const observer = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: 220 }));
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [options]);

  useEffect(() => plot.current?.setData(data), [data]);

  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${summary}`} />
      <p class="muted small-print">{summary}</p>
    </figure>
  );
}
