'use strict';
// stream/promises: pipeline and finished returning promises.

const { pipelineImpl, finishedPromise, isIterable, isNodeStream } = require('internal/streams/pipeline');

function pipeline(...streams) {
  return new Promise((resolve, reject) => {
    let signal;
    let end;
    const last = streams[streams.length - 1];
    if (last && typeof last === 'object' && !isNodeStream(last) && !isIterable(last)) {
      const options = streams.pop();
      signal = options.signal;
      end = options.end;
    }
    pipelineImpl(streams, (err, value) => {
      if (err) reject(err);
      else resolve(value);
    }, { signal, end });
  });
}

module.exports = { finished: finishedPromise, pipeline };
