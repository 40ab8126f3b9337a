import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';
import { usePeopleOptions } from './options';

/**
 * Plans a year's meetings of one body in one step (e.g. the four Chefssamråd): the dates,
 * and the time and place they share. All are created, or — on any error — none.
 */
export function SeriesForm({ bodyId, bodyName, onClose }: { bodyId: number; bodyName: string; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [dates, setDates] = useState<string[]>(['', '', '', '']);
  const [startTime, setStartTime] = useState('09:00');
  const [endTime, setEndTime] = useState('11:00');
  const [place, setPlace] = useState('');
  const [chairId, setChairId] = useState<string | null>(null);
  const [secretaryId, setSecretaryId] = useState<string | null>(null);
  const [applyTemplate, setApplyTemplate] = useState(true);
  // the backend names a refused date by its place in the list: `dates.2`
  const dateFields = Object.fromEntries(dates.map((date, index) => [`dates.${index}`, date]));
  const errors = useFieldErrors(fieldErrors, {
    ...dateFields,
    dates,
    startTime,
    endTime,
    place,
    chairId,
    secretaryId,
  });
  const idOf = (v: string | null) => (v ? Number(v) : null);
  const chairs = usePeopleOptions(bodyId, dates.find(Boolean) ?? null, [idOf(chairId)]);
  const secretaries = usePeopleOptions(bodyId, dates.find(Boolean) ?? null, [idOf(secretaryId)]);

  const submit = async () => {
    const created = await run('meetings.planSeries', {
      bodyId,
      dates: dates.filter((d) => d.trim() !== ''),
      startTime,
      endTime,
      place,
      chairId: chairId ? Number(chairId) : null,
      secretaryId: secretaryId ? Number(secretaryId) : null,
      applyTemplate,
    });
    if (created) {
      notifications.show({ color: 'green', message: t('meetings.series.created', { count: created.length }) });
      onClose();
    }
  };

  return (
    <FormModal
      onClose={onClose}
      size="lg"
      title={t('meetings.series.title', { body: bodyName })}
      onSubmit={submit}
      busy={busy}
      submitLabel={t('meetings.series.submit')}
    >
      <Text size="sm">{t('meetings.series.help')}</Text>
      {dates.map((date, index) => (
        <Group key={index} align="flex-end" wrap="nowrap">
          <DateField
            style={{ flex: 1 }}
            label={t('meetings.series.dateN', { n: index + 1 })}
            value={date}
            onChange={(next) => setDates((all) => all.map((d, i) => (i === index ? next : d)))}
            error={errors[`dates.${index}`]}
            data-autofocus={index === 0 ? true : undefined}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mb={errors[`dates.${index}`] ? 22 : 24}
            disabled={dates.length === 1}
            aria-label={t('meetings.series.removeDate', { n: index + 1 })}
            onClick={() => setDates((all) => all.filter((_, i) => i !== index))}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {errors.dates && (
        <Text c="red" size="sm">
          {errors.dates}
        </Text>
      )}
      <Button
        variant="subtle"
        w="fit-content"
        onClick={() => setDates((all) => [...all, ''])}
        disabled={dates.length >= 52}
      >
        {t('meetings.series.addDate')}
      </Button>
      <SimpleGrid cols={2}>
        <TextInput
          type="time"
          label={t('meetings.fields.startTime')}
          value={startTime}
          onChange={(e) => setStartTime(e.currentTarget.value)}
          error={errors.startTime}
          required
        />
        <TextInput
          type="time"
          label={t('meetings.fields.endTime')}
          value={endTime}
          onChange={(e) => setEndTime(e.currentTarget.value)}
          error={errors.endTime}
          required
        />
      </SimpleGrid>
      <TextInput
        label={t('meetings.fields.place')}
        value={place}
        onChange={(e) => setPlace(e.currentTarget.value)}
        error={errors.place}
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('meetings.fields.chair')}
          description={t('meetings.form.chairDefault')}
          data={chairs.groups}
          onSearchChange={chairs.onSearchChange}
          value={chairId}
          onChange={setChairId}
          error={errors.chairId}
          searchable
          clearable
        />
        <Select
          label={t('meetings.fields.secretary')}
          description={t('meetings.form.secretaryDefault')}
          data={secretaries.groups}
          onSearchChange={secretaries.onSearchChange}
          value={secretaryId}
          onChange={setSecretaryId}
          error={errors.secretaryId}
          searchable
          clearable
        />
      </SimpleGrid>
      <Checkbox
        label={t('meetings.form.applyTemplate')}
        checked={applyTemplate}
        onChange={(e) => setApplyTemplate(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
