import { graphql } from '../gql';

export const CalibrationQuery = graphql(`
  query Calibration($filter: ReportFilterInput) {
    calibration(filter: $filter) {
      pipelineId
      pipelineName
      stages { ...StageCalibrationFields }
      bySource { sourceId sourceName stages { ...StageCalibrationFields } }
    }
  }
`);

export const StageCalibrationFields = graphql(`
  fragment StageCalibrationFields on StageCalibration {
    stageKey stageName position configuredProbability reachedAndClosed won observedWinRate
  }
`);
