import { SelectInput, TextInput } from 'react-admin';
import { useSites } from '../providers/hooks.js';

/** A list of known sites for depot staff; free text for the others (they cannot list sites). */
export const SiteFilter = ({ source, alwaysOn }: { source: string; alwaysOn?: boolean }) => {
  const { data: sites, isSuccess } = useSites();
  if (!isSuccess) return <TextInput source={source} alwaysOn={alwaysOn} resettable />;
  return <SelectInput source={source} choices={sites} alwaysOn={alwaysOn} />;
};
